namespace Streaming.NextTrack.Candidates;

/// <summary>
/// The union of the candidate sources for one request: each row once, with its score and rank in every source
/// list it appears in (rank -1 and score 0 where it does not).
/// </summary>
public sealed class CandidatePool
{
    private readonly Dictionary<int, int> _slotOfRow;
    private readonly List<int> _rows;
    private readonly List<Signals> _signals;

    public CandidatePool(int capacity = 256)
    {
        _slotOfRow = new Dictionary<int, int>(capacity);
        _rows = new List<int>(capacity);
        _signals = new List<Signals>(capacity);
    }

    public int Count => _rows.Count;

    public IReadOnlyList<int> Rows => _rows;

    public IReadOnlyList<Signals> Signal => _signals;

    /// <summary>Largest raw score seen per source (for scaling to [0, 1]).</summary>
    public float MaxCoListening { get; private set; }

    public float MaxSuccessor { get; private set; }

    public float MaxHistory { get; private set; }

    public int SlotOf(int row) => _slotOfRow.TryGetValue(row, out var slot) ? slot : -1;

    public void AddHistory(IReadOnlyList<ScoredRow> list) =>
        MaxHistory = Math.Max(MaxHistory, Add(list, static (ref Signals s, int rank, float score) => { s.HistoryRank = rank; s.History = score; }));

    public void AddCoListening(IReadOnlyList<ScoredRow> list) =>
        MaxCoListening = Math.Max(MaxCoListening, Add(list, static (ref Signals s, int rank, float score) => { s.CoListeningRank = rank; s.CoListening = score; }));

    public void AddSuccessors(IReadOnlyList<ScoredRow> list) =>
        MaxSuccessor = Math.Max(MaxSuccessor, Add(list, static (ref Signals s, int rank, float score) => { s.SuccessorRank = rank; s.Successor = score; }));

    public void AddVectorNeighbours(IReadOnlyList<ScoredRow> list) => Add(list, static (ref Signals s, int rank, float _) => s.VectorRank = rank);

    public void AddTrending(IReadOnlyList<ScoredRow> list) => Add(list, static (ref Signals s, int rank, float score) => { s.TrendingRank = rank; s.Trending = score; });

    private delegate void Setter(ref Signals signals, int rank, float score);

    /// <summary>Adds a source's list; returns its largest score.</summary>
    private float Add(IReadOnlyList<ScoredRow> list, Setter set)
    {
        var max = 0f;
        for (var rank = 0; rank < list.Count; rank++)
        {
            var (row, score) = list[rank];
            if (!_slotOfRow.TryGetValue(row, out var slot))
            {
                slot = _rows.Count;
                _slotOfRow[row] = slot;
                _rows.Add(row);
                _signals.Add(Signals.Absent);
            }
            var signals = _signals[slot];
            set(ref signals, rank, score);
            _signals[slot] = signals;
            max = Math.Max(max, score);
        }
        return max;
    }

    /// <summary>Per candidate: rank (-1 = not in that list) and raw score in each source.</summary>
    public record struct Signals(
        int HistoryRank, float History,
        int CoListeningRank, float CoListening,
        int SuccessorRank, float Successor,
        int VectorRank,
        int TrendingRank, float Trending)
    {
        public static Signals Absent => new(-1, 0, -1, 0, -1, 0, -1, -1, 0);
    }
}
