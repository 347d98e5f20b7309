namespace Streaming.Contracts.Wire;

/// <summary>A message that cannot be decoded; <see cref="Exception.Message"/> is the dead-letter reason.</summary>
public sealed class ListeningRecordFormatException : Exception
{
    public ListeningRecordFormatException(string message) : base(message) { }
    public ListeningRecordFormatException(string message, Exception inner) : base(message, inner) { }
}
