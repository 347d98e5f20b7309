using System.Globalization;

namespace Streaming.Replay.Evaluation;

/// <summary>The text tables every evaluation prints: models overall, then HR@10 / MRR@10 per listener.</summary>
public static class ScoreTables
{
    public static void Overall(Scoreboard board, TextWriter output)
    {
        output.WriteLine("model                                  HR@10   MRR@10");
        foreach (var score in board.Scores())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{score.Model,-38} {score.HitRate:F4}  {score.Mrr:F4}"));
        }
    }

    /// <summary>Per listener: targets, then HR@10 / MRR@10 of <paramref name="models"/>; returns how many listeners the first model wins against <paramref name="against"/> on HR@10.</summary>
    public static int PerListener(Scoreboard board, IReadOnlyList<string> models, string against, TextWriter output)
    {
        var columns = models.Select(m => board.ModelNames.ToList().IndexOf(m)).ToArray();
        var reference = board.ModelNames.ToList().IndexOf(against);
        output.WriteLine($"{"listener",-24} {"targets",7}  " + string.Join("  ", models.Select(m => $"{Short(m),-15}")) + $"  HR@10 > {against}");
        var wins = 0;
        foreach (var group in board.Breakdown(r => r.UserId).OrderBy(g => g.Group, StringComparer.Ordinal))
        {
            var win = group.HitRates[columns[0]] > group.HitRates[reference];
            wins += win ? 1 : 0;
            var cells = columns.Select(c => string.Create(CultureInfo.InvariantCulture, $"{group.HitRates[c]:F3} / {group.Mrrs[c]:F3}"));
            output.WriteLine($"{group.Group,-24} {group.Targets,7}  {string.Join("  ", cells)}  {(win ? "yes" : "no")}");
        }
        output.WriteLine($"{models[0]}: HR@10 above {against} for {wins} of {board.Breakdown(r => r.UserId).Count} listeners");
        return wins;
    }

    private static string Short(string model) => model.Length <= 15 ? model : model[..15];
}
