using System.Globalization;
using Streaming.Catalog.Core.Building;

namespace Streaming.Catalog.Cli;

/// <summary>Which plays the ranker's training reads, and what each is for (see <see cref="RankerBuild"/>).</summary>
internal sealed class RankerWindow
{
    private static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(30);

    private readonly double _warmupFraction;
    private readonly double _rankerShare;
    private readonly DateTimeOffset? _trainUntil;
    private readonly TimeSpan _window;
    private readonly TimeSpan _validation;

    private RankerWindow(double warmupFraction, double rankerShare, DateTimeOffset? trainUntil, TimeSpan window, TimeSpan validation)
    {
        _warmupFraction = warmupFraction;
        _rankerShare = rankerShare;
        _trainUntil = trainUntil;
        _window = window;
        _validation = validation;
    }

    /// <summary>Per listener: the first <paramref name="warmupFraction"/> of their plays may be read; the last <paramref name="rankerShare"/> of those are targets.</summary>
    public static RankerWindow Fractions(double warmupFraction, double rankerShare = RankerBuild.DefaultRankerShare)
    {
        if (rankerShare is <= 0 or >= 1)
        {
            throw new ArgumentException($"--ranker-share must be in (0, 1), got {rankerShare.ToString(CultureInfo.InvariantCulture)}.");
        }
        return new RankerWindow(warmupFraction, rankerShare, null, default, default);
    }

    /// <summary>Plays up to <paramref name="trainUntil"/>; targets in the last <paramref name="window"/>; the last <paramref name="validation"/> of it validates.</summary>
    public static RankerWindow Until(DateTimeOffset trainUntil, TimeSpan window, TimeSpan validation)
    {
        if (window <= TimeSpan.Zero || validation < TimeSpan.Zero || validation >= window)
        {
            throw new ArgumentException("--ranker-window-days must be positive and larger than --validation-days.");
        }
        return new RankerWindow(1.0, 0, trainUntil, window, validation);
    }

    public bool HasValidationDays => _trainUntil is not null;

    public string Description => _trainUntil is { } until
        ? string.Create(CultureInfo.InvariantCulture, $"until {until:O}: targets in the last {_window.TotalDays:0} days, the last {_validation.TotalDays:0} validate")
        : string.Create(CultureInfo.InvariantCulture, $"per listener: the first {_warmupFraction:0.###} of plays read, targets in the last {_rankerShare:0.###} of those");

    /// <summary>Every play the training may read, with its role; the rest (the scored part, plays after the cut-off) is left out.</summary>
    public IReadOnlyList<WindowPlay> Plays(CatalogSources sources)
    {
        var result = new List<WindowPlay>();
        foreach (var (user, history) in sources.Histories.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var plays = history.OrderBy(p => p.At).ToArray();
            var readable = _trainUntil is { } until ? plays.Count(p => p.At <= until) : WarmupSplit.WarmupCount(plays.Length, _warmupFraction);
            var prefix = _trainUntil is not null ? 0 : (int)Math.Floor(readable * (1 - _rankerShare));
            var session = 0;
            for (var i = 0; i < readable; i++)
            {
                if (i > 0 && plays[i].At - plays[i - 1].At > SessionGap)
                {
                    session++;
                }
                var role = Role(plays[i], i, prefix);
                var sessionId = plays[i].SessionId ?? $"{user}-s{session.ToString("D5", CultureInfo.InvariantCulture)}";
                result.Add(new WindowPlay(plays[i], i, (double)i / plays.Length, sessionId, role));
            }
        }
        return result;
    }

    /// <summary>The sources of the throw-away embedding: every listener's plays before the targets (the context-only ones).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ListeningPlay>> EmbeddingPrefix(CatalogSources sources, IReadOnlyList<WindowPlay> plays) =>
        plays.Where(p => p.Role == PlayRole.Context)
            .GroupBy(p => p.Play.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ListeningPlay>)g.Select(p => p.Play).ToArray(), StringComparer.Ordinal);

    private PlayRole Role(ListeningPlay play, int index, int prefix)
    {
        if (_trainUntil is not { } until)
        {
            return index < prefix ? PlayRole.Context : PlayRole.Training;
        }
        return play.At < until - _window ? PlayRole.Context
            : play.At > until - _validation ? PlayRole.Validation
            : PlayRole.Training;
    }
}
