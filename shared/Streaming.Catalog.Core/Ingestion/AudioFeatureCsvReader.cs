using System.Globalization;

namespace Streaming.Catalog.Core.Ingestion;

/// <summary>
/// Reads Spotify audio-feature CSVs (Web API columns: <c>id</c> or <c>uri</c>, danceability, energy,
/// loudness, speechiness, acousticness, instrumentalness, liveness, valence, tempo; optional names:
/// <c>name</c>/<c>track_name</c>, <c>artist_name</c>/<c>artists</c>, <c>album_name</c>). Loudness is
/// mapped from [-60, 0] dB and tempo from [0, 250] BPM to [0, 1]. All-or-nothing per file.
/// </summary>
public static class AudioFeatureCsvReader
{
    /// <summary>Same order as the synthetic generator's features.</summary>
    public static IReadOnlyList<string> FeatureNames => Synthetic.SyntheticCatalog.AudioFeatureNames;

    public static IReadOnlyList<AudioFeatureRow> ReadFile(string path) => FromTable(CsvTable.Read(path));

    public static IReadOnlyList<AudioFeatureRow> Parse(ReadOnlySpan<byte> bytes, string path) => FromTable(CsvTable.Parse(bytes, path));

    private static IReadOnlyList<AudioFeatureRow> FromTable(CsvTable table)
    {
        var idColumn = table.ColumnOf("id");
        var uriColumn = table.ColumnOf("uri");
        if (idColumn < 0 && uriColumn < 0)
        {
            throw new CatalogFormatException(table.Path, 1, 0, "header has neither an 'id' nor a 'uri' column");
        }
        var featureColumns = FeatureNames.Select(table.ColumnOf).ToArray();
        var missing = FeatureNames.Where((_, k) => featureColumns[k] < 0).ToArray();
        if (missing.Length > 0)
        {
            throw new CatalogFormatException(table.Path, 1, 0, $"header lacks feature column(s): {string.Join(", ", missing)}");
        }
        var nameColumn = FirstColumn(table, "name", "track_name");
        var artistColumn = FirstColumn(table, "artist_name", "artists", "artist");
        var albumColumn = FirstColumn(table, "album_name", "album");

        var rows = new List<AudioFeatureRow>(table.Rows.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var fields = table.Rows[r].Fields;
            var raw = idColumn >= 0 ? fields[idColumn] : fields[uriColumn];
            if (!TrackIdentity.TryFromSpotifyUri(raw, out var id))
            {
                throw table.Error(r, $"'{raw}' is not a Spotify track id or uri");
            }
            var features = new float[featureColumns.Length];
            for (var k = 0; k < featureColumns.Length; k++)
            {
                var text = fields[featureColumns[k]];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw table.Error(r, $"'{FeatureNames[k]}' value '{text}' is not a number");
                }
                features[k] = (float)Scale(FeatureNames[k], value);
            }
            rows.Add(new AudioFeatureRow(
                id,
                Optional(fields, artistColumn),
                Optional(fields, nameColumn),
                Optional(fields, albumColumn),
                features));
        }
        return rows;
    }

    private static double Scale(string feature, double value) => feature switch
    {
        "loudness" => Math.Clamp((value + 60.0) / 60.0, 0, 1),
        "tempo" => Math.Clamp(value / 250.0, 0, 1),
        _ => value,
    };

    private static int FirstColumn(CsvTable table, params string[] names) =>
        names.Select(table.ColumnOf).FirstOrDefault(c => c >= 0, -1);

    private static string? Optional(string[] fields, int column) =>
        column >= 0 && !string.IsNullOrWhiteSpace(fields[column]) ? fields[column].Trim() : null;
}
