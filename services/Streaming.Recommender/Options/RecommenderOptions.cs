using System.ComponentModel.DataAnnotations;
using Streaming.NextTrack;

namespace Streaming.Recommender.Options;

/// <summary>Section <c>Recommender</c>: the ranking (<c>Recommender:Ranking</c>), the Redis latency budget, the index.</summary>
public sealed class RecommenderOptions : IValidatableObject
{
    public const string Section = "Recommender";

    /// <summary>
    /// Candidate pools and answer rules of <c>next</c> (recent exclusion, per-artist cap, session share of the vector
    /// query...): see <see cref="NextTrackSettings"/>; the defaults are the ones chosen by the warm-up evaluation.
    /// </summary>
    public NextTrackSettings Ranking { get; set; } = new();

    /// <summary>Rank with the catalog snapshot's learned model when it has one (false: always the hand-weighted blend; a kill switch and the ablation's "ranker off").</summary>
    public bool UseLearnedRanker { get; set; } = true;

    /// <summary>Per Redis read: past this the answer degrades to the cached trending list.</summary>
    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:10")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(80);

    /// <summary>Circuit breaker: failure ratio over <see cref="BreakerSamplingDuration"/> that opens it.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.5", "00:10:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an open breaker answers degraded without touching Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "00:10:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the in-memory trending list (the degraded answer) is refreshed from Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan TrendingRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(10, 10_000)]
    public int TrendingSize { get; set; } = 500;

    /// <summary>Below this many vectors the index is an exact SIMD scan, else HNSW.</summary>
    [Range(0, int.MaxValue)]
    public int ExactThreshold { get; set; } = 20_000;

    [Range(2, 512)]
    public int HnswM { get; set; } = 24;

    [Range(1, 10_000)]
    public int HnswEfConstruction { get; set; } = 100;

    /// <summary>
    /// Candidate list of a search, raised to k: <c>next</c> asks for the ranking's vector candidates (40, <c>Ranking:VectorCandidates</c>)
    /// per query vector, so it walks with ef 40 either way; <c>similar</c> with count 10 gets recall@10 about 0.99 at ef 40
    /// (<c>ann --n 150000</c>). Higher values cost time on every <c>next</c> and change little of its top 10.
    /// </summary>
    [Range(1, 10_000)]
    public int HnswEfSearch { get; set; } = 40;

    /// <summary>Queries sampled after each HNSW build to measure recall@10 against the exact scan (0 = off).</summary>
    [Range(0, 10_000)]
    public int RecallSampleQueries { get; set; } = 200;

    /// <summary>
    /// Read Redis replies on the shared thread pool instead of StackExchange.Redis's dedicated reader threads:
    /// fewer threads and context switches on a small pod (less CPU per answer), but a reply can queue behind
    /// request work when the pool is busy (a longer latency tail).
    /// </summary>
    public bool RedisRepliesOnThreadPool { get; set; } = true;

    /// <summary><c>GET /v1/noop</c> and <c>GET/DELETE /v1/bench/latency</c>: benchmarks only.</summary>
    public bool EnableBenchmarkEndpoints { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Data annotations do not descend into a nested section by themselves.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Ranking, new ValidationContext(Ranking), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult(r.ErrorMessage, r.MemberNames.Select(m => nameof(Ranking) + "." + m)));
    }
}
