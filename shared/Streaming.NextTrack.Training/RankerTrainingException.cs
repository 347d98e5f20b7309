namespace Streaming.NextTrack.Training;

/// <summary>The plays cannot train a ranker (e.g. too few training groups before the cut-off); the message says why.</summary>
public sealed class RankerTrainingException(string message) : Exception(message);
