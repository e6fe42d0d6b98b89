using System.Runtime.CompilerServices;
using Initiativenberatung.Infrastructure.Forms.Export;

namespace Initiativenberatung.UnitTests.Infrastructure.Forms.Export;

/// <summary>Row sources and streams for the export tests.</summary>
internal static class ExportTestData
{
    public static ExportRow Row(params (string Key, object? Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));

    public static async IAsyncEnumerable<ExportRow> Async(IEnumerable<ExportRow> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public static IReadOnlyList<ExportColumn> GeneratedColumns { get; } =
    [
        new("id", "Eintrag", ExportValueKind.Number, "id"),
        new("submitted", "Eingegangen am", ExportValueKind.Date, "submitted"),
        new("size", "Größe der Kommune", ExportValueKind.Text, "municipalitySize"),
        new("kinds", "Initiativen", ExportValueKind.MultipleChoice, "initiativeKinds"),
        new("rating", "Bewertung", ExportValueKind.Number, "rating"),
        new("experience", "Erfahrungen", ExportValueKind.Text, "experience"),
    ];

    /// <summary>
    /// Generated entries, one at a time. <paramref name="onRow"/> runs before each row is handed out
    /// (with its index), so a test can see how far the writer has got when something happens.
    /// </summary>
    public static async IAsyncEnumerable<ExportRow> Generated(
        int count, Action<int>? onRow = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string[] kinds = ["Urbane Gärten", "Repair-Café", "Lastenradverleih", "Foodsharing"];
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            onRow?.Invoke(i);
            if (i % 512 == 0)
            {
                await Task.Yield();
            }

            yield return Row(
                ("id", (long)i),
                ("submitted", new DateOnly(2025, 1, 1).AddDays(i % 365)),
                ("size", i % 3 == 0 ? "unter 20.000 Einwohner" : "=SUMME(A1:A9)"),
                ("kinds", new[] { kinds[i % 4], kinds[(i + 1) % 4] }),
                ("rating", (decimal)(i % 5) - 2m),
                ("experience", $"Eintrag {i}: \"gut\"; weiter so\r\nZeile zwei"));
        }
    }
}

/// <summary>A write-only stream that keeps nothing: it counts bytes and remembers when the first write came.</summary>
internal sealed class CountingStream(Func<int> rowsProducedSoFar) : Stream
{
    public long BytesWritten { get; private set; }

    /// <summary>How many rows the source had produced when the first byte arrived; -1 before that.</summary>
    public int RowsProducedAtFirstWrite { get; private set; } = -1;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (RowsProducedAtFirstWrite < 0 && buffer.Length > 0)
        {
            RowsProducedAtFirstWrite = rowsProducedSoFar();
        }

        BytesWritten += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>Measures retained (live, after a full collection) managed memory against a baseline.</summary>
internal sealed class RetainedMemoryProbe
{
    private readonly long baseline = GC.GetTotalMemory(forceFullCollection: true);

    public long MaxGrowth { get; private set; }

    public void Sample() => MaxGrowth = Math.Max(MaxGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
}
