using System.Text;

namespace Streaming.Catalog.Core.Ingestion;

/// <summary>
/// A small RFC 4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes) that keeps
/// each record's starting line and byte offset for error messages.
/// </summary>
public sealed class CsvTable
{
    private CsvTable(string path, string[] header, List<(string[] Fields, long Line, long Offset)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<(string[] Fields, long Line, long Offset)> Rows { get; }

    public int ColumnOf(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    public CatalogFormatException Error(int row, string reason) => new(Path, Rows[row].Line, Rows[row].Offset, reason);

    public static CsvTable Read(string path) => Parse(File.ReadAllBytes(path), path);

    public static CsvTable Parse(ReadOnlySpan<byte> bytes, string path)
    {
        var bom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[bom..]);
        }
        catch (DecoderFallbackException e)
        {
            throw new CatalogFormatException(path, 1, bom + Math.Max(0, e.Index), "file is not valid UTF-8", e);
        }

        var records = new List<(string[] Fields, long Line, long Offset)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1L;
        var recordLine = 1L;
        long byteOffset = bom;
        var recordOffset = byteOffset;
        var inQuotes = false;
        var wasQuoted = false;
        var quoteLine = 0L;
        var quoteOffset = 0L;
        for (var i = 0; i < text.Length; byteOffset += ByteSize(text[i]), i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c != '"')
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    byteOffset += 1;
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    if (fields.Count > 1 || fields[0].Length > 0)
                    {
                        records.Add((fields.ToArray(), recordLine, recordOffset));
                    }
                    fields.Clear();
                    line++;
                    recordLine = line;
                    recordOffset = byteOffset + 1;
                    break;
                case '"' when field.Length == 0 && !wasQuoted:
                    inQuotes = true;
                    wasQuoted = true;
                    quoteLine = line;
                    quoteOffset = byteOffset;
                    break;
                default:
                    if (wasQuoted)
                    {
                        throw new CatalogFormatException(path, line, byteOffset, "text after a closing quote");
                    }
                    if (c == '"')
                    {
                        throw new CatalogFormatException(path, line, byteOffset, "stray quote inside an unquoted field");
                    }
                    field.Append(c);
                    break;
            }
        }
        if (inQuotes)
        {
            throw new CatalogFormatException(path, quoteLine, quoteOffset, "quoted field is never closed");
        }
        if (field.Length > 0 || fields.Count > 0 || wasQuoted)
        {
            fields.Add(field.ToString());
            records.Add((fields.ToArray(), recordLine, recordOffset));
        }
        if (records.Count == 0)
        {
            throw new CatalogFormatException(path, 1, 0, "empty file: no header row");
        }
        var header = records[0].Fields.Select(h => h.Trim()).ToArray();
        records.RemoveAt(0);
        foreach (var record in records)
        {
            if (record.Fields.Length != header.Length)
            {
                throw new CatalogFormatException(path, record.Line, record.Offset,
                    $"row has {record.Fields.Length} fields, the header has {header.Length}");
            }
        }
        return new CsvTable(path, header, records);
    }

    private static int ByteSize(char c) => c switch
    {
        < '\u0080' => 1,
        < '\u0800' => 2,
        _ when char.IsHighSurrogate(c) => 4,
        _ when char.IsLowSurrogate(c) => 0,
        _ => 3,
    };
}
