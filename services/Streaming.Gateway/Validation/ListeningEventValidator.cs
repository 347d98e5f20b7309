using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Streaming.Contracts;
using Streaming.Contracts.Events;
using Streaming.Gateway.Api;

namespace Streaming.Gateway.Validation;

/// <summary>
/// Checks one client event against the schema's rules and the caller's time window and turns it into the
/// shared <see cref="ListeningEvent"/>. Reports the first problem only, fields in schema order.
/// </summary>
public static class ListeningEventValidator
{
    public static bool TryValidate(
        ListeningEventDto dto,
        EventTimeWindow window,
        [NotNullWhen(true)] out ListeningEvent? value,
        out FieldError error)
    {
        value = null;
        if (FirstError(dto, window, out var kind, out var occurredAt) is { } problem)
        {
            error = problem;
            return false;
        }
        error = default;
        value = new ListeningEvent
        {
            EventId = dto.EventId!,
            UserId = dto.UserId!,
            TrackId = dto.TrackId!,
            SessionId = dto.SessionId!,
            Kind = kind,
            OccurredAt = occurredAt,
            MsPlayed = (int?)dto.MsPlayed,
            TrackDurationMs = (int?)dto.TrackDurationMs,
            PrivateSession = dto.PrivateSession ?? false,
            Context = dto.Context is { } context
                ? new PlaybackContext(PlaybackContextNames.FromWire(context.Type), context.Id)
                : PlaybackContext.None,
        };
        return true;
    }

    private static FieldError? FirstError(ListeningEventDto dto, EventTimeWindow window, out ListeningEventKind kind, out DateTimeOffset occurredAt)
    {
        kind = ListeningEventKind.Unknown;
        occurredAt = default;
        if (dto.UnknownFields is { Count: > 0 } unknown)
        {
            return UnknownField(unknown.Keys.First(), prefix: "");
        }
        if (Id(dto.EventId, "eventId") is { } eventIdError)
        {
            return eventIdError;
        }
        if (Id(dto.UserId, "userId") is { } userIdError)
        {
            return userIdError;
        }
        if (dto.TrackId is null)
        {
            return Missing("trackId");
        }
        if (!TrackIdRule.IsValid(dto.TrackId))
        {
            return new FieldError("trackId", RejectionReasons.InvalidTrackId, $"trackId must be {TrackIdRule.Description}");
        }
        if (Id(dto.SessionId, "sessionId") is { } sessionIdError)
        {
            return sessionIdError;
        }
        if (dto.Kind is null)
        {
            return Missing("kind");
        }
        kind = ListeningEventKindNames.FromWire(dto.Kind);
        if (kind == ListeningEventKind.Unknown)
        {
            return new FieldError("kind", RejectionReasons.UnknownKind,
                $"kind must be one of {string.Join(", ", ListeningEventKindNames.All)}");
        }
        if (OccurredAt(dto.OccurredAt, window, out occurredAt) is { } timeError)
        {
            return timeError;
        }
        if (dto.TrackDurationMs is { } duration && duration is < 1 or > EventLimits.MaxPlayMs)
        {
            return new FieldError("trackDurationMs", RejectionReasons.OutOfRange,
                $"trackDurationMs must be 1..{EventLimits.MaxPlayMs}");
        }
        if (MsPlayed(dto.MsPlayed, dto.TrackDurationMs, kind) is { } playedError)
        {
            return playedError;
        }
        return Context(dto.Context);
    }

    private static FieldError? Id(string? id, string field)
    {
        if (id is null)
        {
            return Missing(field);
        }
        return Identifiers.IsValid(id) ? null : new FieldError(field, RejectionReasons.InvalidId, $"{field} must be {Identifiers.Rule}");
    }

    private static FieldError? OccurredAt(string? text, EventTimeWindow window, out DateTimeOffset occurredAt)
    {
        occurredAt = default;
        if (text is null)
        {
            return Missing("occurredAt");
        }
        if (!Rfc3339.TryParse(text, out occurredAt))
        {
            return new FieldError("occurredAt", RejectionReasons.InvalidTimestamp,
                "occurredAt must be an RFC 3339 date-time with an offset, e.g. 2025-01-31T18:04:05.123Z");
        }
        if (occurredAt > window.Latest)
        {
            return new FieldError("occurredAt", RejectionReasons.InFuture,
                $"occurredAt is after {Format(window.Latest)} (now plus the allowed clock skew)");
        }
        if (occurredAt < window.Earliest)
        {
            return new FieldError("occurredAt", RejectionReasons.TooOld,
                $"occurredAt is before {Format(window.Earliest)}, the oldest event time this token may post");
        }
        return null;
    }

    private static FieldError? MsPlayed(long? msPlayed, long? duration, ListeningEventKind kind)
    {
        if (msPlayed is not { } played)
        {
            return kind is ListeningEventKind.PlayEnded or ListeningEventKind.Skip
                ? new FieldError("msPlayed", RejectionReasons.Required, "msPlayed is required for play_ended and skip")
                : null;
        }
        var max = duration is { } d ? d + EventLimits.MsPlayedSlackMs : EventLimits.MaxPlayMs;
        return played < 0 || played > max
            ? new FieldError("msPlayed", RejectionReasons.OutOfRange, duration is null
                ? $"msPlayed must be 0..{EventLimits.MaxPlayMs} when the duration is unknown"
                : $"msPlayed must be 0..trackDurationMs + {EventLimits.MsPlayedSlackMs} ({max})")
            : null;
    }

    private static FieldError? Context(PlaybackContextDto? context)
    {
        if (context is null)
        {
            return null;
        }
        if (context.UnknownFields is { Count: > 0 } unknown)
        {
            return UnknownField(unknown.Keys.First(), prefix: "context.");
        }
        if (context.Type is null)
        {
            return Missing("context.type");
        }
        if (!PlaybackContextNames.All.Contains(context.Type, StringComparer.Ordinal))
        {
            return new FieldError("context.type", RejectionReasons.UnknownContextType,
                $"context.type must be one of {string.Join(", ", PlaybackContextNames.All)}");
        }
        return context.Id is { Length: > EventLimits.MaxContextIdLength }
            ? new FieldError("context.id", RejectionReasons.TooLong, $"context.id must be at most {EventLimits.MaxContextIdLength} characters")
            : null;
    }

    private static FieldError Missing(string field) => new(field, RejectionReasons.Required, $"{field} is required");

    private static FieldError UnknownField(string name, string prefix)
    {
        // Echo at most a short, printable name: the field may be anything a client sent.
        var shown = name.Length <= 64 ? name : name[..64] + "...";
        return new FieldError(prefix + shown, RejectionReasons.UnknownField, $"'{prefix}{shown}' is not a property of the schema");
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
