namespace Streaming.Gateway.Validation;

/// <summary>The first problem found in one event: which field, a <see cref="RejectionReasons"/> value, and words for people.</summary>
public readonly record struct FieldError(string Field, string Reason, string Detail);
