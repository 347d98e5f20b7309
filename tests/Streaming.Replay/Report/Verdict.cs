using System.Globalization;
using Streaming.Replay.Evaluation;

namespace Streaming.Replay.Report;

/// <summary>Whether the system beats every baseline on both HitRate@10 and MRR@10, in one sentence with the figures.</summary>
public static class Verdict
{
    public static string? Of(IReadOnlyList<ModelScore> scores, string systemModel)
    {
        var system = scores.FirstOrDefault(s => s.Model == systemModel);
        if (system is null || system.Targets == 0)
        {
            return null;
        }
        var baselines = scores.Where(s => s.Model != systemModel).ToArray();
        var lost = baselines.Where(b => system.HitRate <= b.HitRate || system.Mrr <= b.Mrr).ToArray();
        var inv = CultureInfo.InvariantCulture;
        if (lost.Length == 0)
        {
            return string.Create(inv,
                $"The system beats both baselines: HitRate@10 {system.HitRate:F4} and MRR@10 {system.Mrr:F4} vs best baseline " +
                $"{baselines.Max(b => b.HitRate):F4} / {baselines.Max(b => b.Mrr):F4}.");
        }
        return string.Create(inv,
            $"The system does not beat {string.Join(" and ", lost.Select(b => $"{b.Model} (HitRate@10 {b.HitRate:F4}, MRR@10 {b.Mrr:F4})"))}: " +
            $"it scores HitRate@10 {system.HitRate:F4}, MRR@10 {system.Mrr:F4}.");
    }
}
