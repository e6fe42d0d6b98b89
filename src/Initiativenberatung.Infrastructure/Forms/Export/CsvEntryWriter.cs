using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>
/// Writes form entries as CSV, streamed row by row: the header is flushed before the first row is
/// read, then the output is flushed every <see cref="FlushThresholdBytes"/>, so memory stays constant
/// however many rows come (nothing but the current row and one small buffer is held).
/// </summary>
/// <remarks>
/// <para>
/// Hand-written instead of a library. CsvHelper 34.0.0 (its writer has <c>CsvInjection.Escape</c>
/// with <c>'</c> and configurable injection characters) comes closest, but it writes to a
/// <see cref="Stream"/> or <see cref="TextWriter"/>, not to the response's <see cref="PipeWriter"/>,
/// and it cannot express two of our rules: NUL characters must be removed before it sees the text,
/// and then it no longer knows that the cell started with NUL; and whether a value is "text" is
/// decided by its .NET type, while here a number outside a Number column is text. Sylvan.Data.Csv
/// writes from a <c>DbDataReader</c> and has no neutralization. What remains is RFC 4180 quoting,
/// a few lines here that encode straight into the pipe without a string per cell; the tests read
/// the output back with CsvHelper's reader.
/// </para>
/// <para>Rules, per cell:</para>
/// <list type="number">
/// <item>NUL characters are removed from every cell (spreadsheets truncate or reject them).</item>
/// <item>
/// Formula injection: a text cell (every string answer, caption, joined multiple choice, and any
/// value in a non-Number column) whose text starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab,
/// CR, LF or NUL (checked before and after NUL removal) gets a leading <c>'</c>: <c>-1</c> typed as
/// a text answer is written <c>'-1</c>. A numeric value (<see cref="decimal"/>, <see cref="int"/>,
/// <see cref="double"/>, ...) in a <see cref="ExportValueKind.Number"/> column is written bare in the
/// invariant culture, also when negative (<c>-1.5</c>): .NET number formatting yields only digits,
/// one leading '-', '.' and an exponent, which no spreadsheet evaluates as a formula. A string in a
/// Number column is text and neutralized. Dates are always ISO 8601 and start with a digit.
/// </item>
/// <item>
/// RFC 4180: a cell is quoted when it contains the delimiter, a quote, CR or LF, or starts or ends
/// with a space; quotes inside are doubled. Records end with <see cref="CsvExportOptions.LineEnding"/>.
/// </item>
/// </list>
/// </remarks>
public static class CsvEntryWriter
{
    /// <summary>Bytes collected before the output is flushed.</summary>
    public const int FlushThresholdBytes = 16 * 1024;

    private const int ChunkChars = 2048;

    private static readonly SearchValues<char> FormulaTriggers = SearchValues.Create("=+-@\t\r\n\0");
    private static readonly SearchValues<char> SemicolonSpecials = SearchValues.Create(";\"\r\n");
    private static readonly SearchValues<char> CommaSpecials = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> TabSpecials = SearchValues.Create("\t\"\r\n");

    /// <summary>Writes the CSV to <paramref name="output"/> (left open) and returns the number of rows written.</summary>
    public static async Task<long> WriteAsync(
        Stream output,
        IReadOnlyList<ExportColumn> columns,
        IAsyncEnumerable<ExportRow> rows,
        CsvExportOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        Validate(columns, rows, options);

        var pipe = PipeWriter.Create(output, new StreamPipeWriterOptions(minimumBufferSize: 4096, leaveOpen: true));
        try
        {
            var count = await WriteAsync(pipe, columns, rows, options, cancellationToken);
            await pipe.CompleteAsync();
            return count;
        }
        catch (Exception ex)
        {
            await pipe.CompleteAsync(ex);
            throw;
        }
    }

    /// <summary>
    /// Writes the CSV to <paramref name="output"/> (e.g. <c>HttpResponse.BodyWriter</c>), flushes it,
    /// and returns the number of rows written. The writer is not completed. When the reader goes away
    /// (the client disconnected), writing stops and the rows written so far are counted.
    /// </summary>
    public static async Task<long> WriteAsync(
        PipeWriter output,
        IReadOnlyList<ExportColumn> columns,
        IAsyncEnumerable<ExportRow> rows,
        CsvExportOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        Validate(columns, rows, options);

        var writer = new CsvCellWriter(output, options);
        writer.WriteHeader(columns);

        // First bytes go out before the first row is read.
        if ((await writer.FlushAsync(cancellationToken)).IsCompleted)
        {
            return 0;
        }

        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            writer.WriteRow(columns, row);
            count++;
            if (writer.Unflushed >= FlushThresholdBytes && (await writer.FlushAsync(cancellationToken)).IsCompleted)
            {
                return count;
            }
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    private static void Validate(IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<ExportRow> rows, CsvExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (columns.Count == 0)
        {
            throw new ArgumentException("Für den Export ist mindestens eine Spalte nötig.", nameof(columns));
        }
    }

    private static bool StartsWithFormulaTrigger(string text) => text.Length > 0 && FormulaTriggers.Contains(text[0]);

    private sealed class CsvCellWriter
    {
        private readonly PipeWriter output;
        private readonly CsvExportOptions options;
        private readonly SearchValues<char> specials;
        private readonly byte delimiter;
        private readonly byte[] lineEnding;
        private bool bomPending;

        public CsvCellWriter(PipeWriter output, CsvExportOptions options)
        {
            this.output = output;
            this.options = options;
            delimiter = (byte)options.Delimiter;
            specials = options.Delimiter switch
            {
                ',' => CommaSpecials,
                '\t' => TabSpecials,
                _ => SemicolonSpecials,
            };
            lineEnding = Encoding.ASCII.GetBytes(options.LineEnding);
            bomPending = options.IncludeBom;
        }

        public long Unflushed { get; private set; }

        public ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken)
        {
            Unflushed = 0;
            return output.FlushAsync(cancellationToken);
        }

        public void WriteHeader(IReadOnlyList<ExportColumn> columns)
        {
            if (bomPending)
            {
                WriteBytes(Encoding.UTF8.Preamble);
                bomPending = false;
            }

            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    WriteByte(delimiter);
                }

                WriteText(columns[i].HeaderText(options.HeaderMode));
            }

            WriteBytes(lineEnding);
        }

        public void WriteRow(IReadOnlyList<ExportColumn> columns, ExportRow row)
        {
            Span<char> formatted = stackalloc char[ExportValues.MaxFormattedLength];
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    WriteByte(delimiter);
                }

                var column = columns[i];
                var value = row[column.Key];
                if (value is null)
                {
                    continue;
                }

                if (ExportValues.TryFormatDate(value, formatted, out var written))
                {
                    WriteChars(formatted[..written]);
                }
                else if (ExportValues.TryFormatNumber(value, formatted, out written))
                {
                    if (column.Kind == ExportValueKind.Number)
                    {
                        WriteChars(formatted[..written]);
                    }
                    else
                    {
                        WriteText(formatted[..written].ToString());
                    }
                }
                else
                {
                    WriteText(ExportValues.ToText(value, options.MultipleChoiceSeparator));
                }
            }

            WriteBytes(lineEnding);
        }

        private void WriteText(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            var neutralize = StartsWithFormulaTrigger(text);
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                text = text.Replace("\0", string.Empty, StringComparison.Ordinal);
                neutralize |= StartsWithFormulaTrigger(text);
            }

            var span = text.AsSpan();
            var quote = span.Length > 0 && (span.ContainsAny(specials) || span[0] == ' ' || span[^1] == ' ');
            if (quote)
            {
                WriteByte((byte)'"');
            }

            if (neutralize)
            {
                WriteByte((byte)'\'');
            }

            if (quote)
            {
                int index;
                while ((index = span.IndexOf('"')) >= 0)
                {
                    WriteChars(span[..(index + 1)]);
                    WriteByte((byte)'"');
                    span = span[(index + 1)..];
                }
            }

            WriteChars(span);
            if (quote)
            {
                WriteByte((byte)'"');
            }
        }

        private void WriteChars(ReadOnlySpan<char> chars)
        {
            while (!chars.IsEmpty)
            {
                var take = Math.Min(chars.Length, ChunkChars);
                if (take < chars.Length && char.IsHighSurrogate(chars[take - 1]))
                {
                    take--; // never split a surrogate pair between two encoder calls
                }

                var destination = output.GetSpan(Encoding.UTF8.GetMaxByteCount(take));
                var written = Encoding.UTF8.GetBytes(chars[..take], destination);
                output.Advance(written);
                Unflushed += written;
                chars = chars[take..];
            }
        }

        private void WriteByte(byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
            Unflushed++;
        }

        private void WriteBytes(ReadOnlySpan<byte> bytes)
        {
            output.Write(bytes);
            Unflushed += bytes.Length;
        }
    }
}
