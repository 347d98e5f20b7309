using System.Text;
using System.Text.Json;

namespace Streaming.Catalog.Core.Ingestion;

/// <summary>Shared helpers of the Utf8JsonReader-based parsers: positioned errors and typed reads.</summary>
internal ref struct JsonInput
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string _path;
    private Utf8JsonReader _reader;

    public JsonInput(ReadOnlySpan<byte> bytes, string path)
    {
        // A UTF-8 BOM is legal in exports.
        _bytes = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
        _path = path;
        _reader = new Utf8JsonReader(_bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
    }

    public readonly JsonTokenType TokenType => _reader.TokenType;

    public void Read()
    {
        try
        {
            if (!_reader.Read())
            {
                throw Error("unexpected end of file");
            }
        }
        catch (JsonException e)
        {
            // The reader's own position: line and byte in line are 0-based.
            var line = (e.LineNumber ?? 0) + 1;
            throw new CatalogFormatException(_path, line, OffsetOfLine(line) + (e.BytePositionInLine ?? 0), "malformed JSON: " + e.Message, e);
        }
    }

    public void Expect(JsonTokenType type, string what)
    {
        Read();
        if (_reader.TokenType != type)
        {
            throw Error($"expected {what}, found {_reader.TokenType}");
        }
    }

    public readonly bool ValueTextEquals(ReadOnlySpan<byte> name) => _reader.ValueTextEquals(name);

    public readonly string PropertyName() => _reader.GetString() ?? "";

    public void Skip()
    {
        Read();
        if (_reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            try
            {
                _reader.Skip();
            }
            catch (JsonException e)
            {
                throw new CatalogFormatException(_path, (e.LineNumber ?? 0) + 1, _reader.TokenStartIndex, "malformed JSON: " + e.Message, e);
            }
        }
    }

    public string? ReadStringOrNull(string field)
    {
        Read();
        return _reader.TokenType switch
        {
            JsonTokenType.String => _reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw Error($"'{field}' must be a string, found {_reader.TokenType}"),
        };
    }

    public long ReadInt64(string field)
    {
        Read();
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt64(out var value))
        {
            throw Error($"'{field}' must be an integer, found {_reader.TokenType}");
        }
        return value;
    }

    public long? ReadInt64OrNull(string field)
    {
        Read();
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt64(out var value))
        {
            throw Error($"'{field}' must be an integer, found {_reader.TokenType}");
        }
        return value;
    }

    public readonly long Position => _reader.TokenStartIndex;

    public readonly CatalogFormatException Error(string reason) => ErrorAt(_reader.TokenStartIndex, reason);

    public readonly CatalogFormatException ErrorAt(long position, string reason) =>
        new(_path, LineOf(position), position, reason);

    private readonly long LineOf(long position)
    {
        var end = (int)Math.Min(position, _bytes.Length);
        return _bytes[..end].Count((byte)'\n') + 1;
    }

    private readonly long OffsetOfLine(long line)
    {
        var offset = 0;
        for (var l = 1; l < line && offset < _bytes.Length; l++)
        {
            var next = _bytes[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }
            offset += next + 1;
        }
        return offset;
    }

    public static string Describe(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
