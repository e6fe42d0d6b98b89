using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>
/// Writes form entries as an XLSX workbook with one sheet: a bold, frozen header row, then one row per
/// entry with real number cells, real date cells (OADate serial numbers with the German display formats <c>dd.mm.yyyy</c>
/// for dates and for times at midnight – day precision – and <c>dd.mm.yyyy hh:mm</c> for times of day) and text as inline strings.
/// </summary>
/// <remarks>
/// <para>
/// Memory: the worksheet XML is produced with the SAX-style <see cref="OpenXmlWriter"/> row by row and
/// deflated straight into a <see cref="ZipArchive"/> in <see cref="ZipArchiveMode.Create"/> mode on a
/// temporary file (<see cref="FileOptions.DeleteOnClose"/>), which is then copied to the output with
/// <see cref="Stream.CopyToAsync(Stream, CancellationToken)"/>. Only the current row, the deflater's
/// window and the copy buffer are held, whatever the number of rows; the disk holds the compressed file
/// until the copy has finished. The first byte reaches the output only after the last row (a ZIP needs
/// its directory at the end, and a seekable target for its local headers), unlike the CSV.
/// </para>
/// <para>
/// Why not <c>SpreadsheetDocument.Create</c>: through System.IO.Packaging the SDK opens the package in
/// ZIP update mode, and <see cref="ZipArchiveEntry"/> then keeps the whole uncompressed part in memory
/// until the package is closed (Open-XML-SDK issue 807, dotnet/runtime issue 1544); a write-only package
/// is refused by the SDK. So the four small package files (content types, relationships) are written
/// here as fixed XML, and everything SpreadsheetML (workbook, styles, worksheet) with the SDK's types.
/// </para>
/// <para>
/// Text is kept exactly as entered — no leading <c>'</c> as in the CSV: an inline string cell is never
/// evaluated as a formula. Only characters XML 1.0 cannot carry (NUL and other control characters
/// except tab, CR, LF; lone surrogates) are removed, and text longer than Excel's 32,767 characters per
/// cell is cut there. Line breaks are stored as LF (CRLF and CR become LF), as Excel stores a line
/// break inside a cell and as every XML reader would return them anyway. Dates before 1900-03-01 (outside Excel's serial date range) are written as ISO text.
/// </para>
/// </remarks>
public static class XlsxEntryWriter
{
    /// <summary>The XLSX media type.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int MaxCellTextLength = 32_767;
    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint DateTimeStyle = 3;
    private static readonly DateTime FirstSerialDate = new(1900, 3, 1);
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private const string ContentTypesXml =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""" +
        """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""" +
        """<Default Extension="xml" ContentType="application/xml"/>""" +
        """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
        """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""" +
        """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""" +
        """</Types>""";

    private const string RootRelationshipsXml =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>""" +
        """</Relationships>""";

    private const string WorkbookRelationshipsXml =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>""" +
        """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""" +
        """</Relationships>""";

    /// <summary>Writes the workbook to <paramref name="output"/> (left open) and returns the number of rows written.</summary>
    public static async Task<long> WriteAsync(
        Stream output,
        IReadOnlyList<ExportColumn> columns,
        IAsyncEnumerable<ExportRow> rows,
        XlsxExportOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (columns.Count == 0)
        {
            throw new ArgumentException("Für den Export ist mindestens eine Spalte nötig.", nameof(columns));
        }

        var path = Path.Combine(Path.GetTempPath(), $"initiativenberatung-export-{Guid.NewGuid():N}.xlsx");
        await using var buffer = new FileStream(
            path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);

        long count;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteFixed(zip, "[Content_Types].xml", ContentTypesXml);
            WriteFixed(zip, "_rels/.rels", RootRelationshipsXml);
            WriteFixed(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationshipsXml);
            WriteElement(zip, "xl/workbook.xml", new Workbook(new Sheets(new Sheet { Name = options.SheetName, SheetId = 1U, Id = "rId1" })));
            WriteElement(zip, "xl/styles.xml", CreateStylesheet());
            count = await WriteWorksheetAsync(zip, columns, rows, options, cancellationToken);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }

    private static async Task<long> WriteWorksheetAsync(
        ZipArchive zip,
        IReadOnlyList<ExportColumn> columns,
        IAsyncEnumerable<ExportRow> rows,
        XlsxExportOptions options,
        CancellationToken cancellationToken)
    {
        var references = new string[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            references[i] = ColumnLetters(i);
        }

        var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        using var stream = entry.Open();
        using var writer = OpenXmlWriter.Create(stream, Utf8NoBom);

        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(
            new SheetView(
                new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue>([new StringValue("A2")]) })
            { TabSelected = true, WorkbookViewId = 0U }));
        writer.WriteElement(new Columns(columns.Select((column, i) => new Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = Math.Clamp(column.HeaderText(options.HeaderMode).Length + 2, 10, 60),
            CustomWidth = true,
        })));

        writer.WriteStartElement(new SheetData());
        WriteRowStart(writer, 1);
        for (var i = 0; i < columns.Count; i++)
        {
            writer.WriteElement(TextCell(references[i] + "1", columns[i].HeaderText(options.HeaderMode), HeaderStyle));
        }

        writer.WriteEndElement();

        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var rowNumber = (count + 2).ToString(CultureInfo.InvariantCulture);
            WriteRowStart(writer, count + 2);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = row[columns[i].Key];
                if (value is not null)
                {
                    writer.WriteElement(Cell(references[i] + rowNumber, columns[i], value, options));
                }
            }

            writer.WriteEndElement();
            count++;
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
        writer.Close();
        return count;
    }

    private static void WriteRowStart(OpenXmlWriter writer, long rowNumber) =>
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", string.Empty, rowNumber.ToString(CultureInfo.InvariantCulture))]);

    private static Cell Cell(string reference, ExportColumn column, object value, XlsxExportOptions options)
    {
        switch (value)
        {
            case DateOnly date:
                return DateCell(reference, date.ToDateTime(TimeOnly.MinValue), DateStyle, value);
            case DateTime dateTime:
                return DateCell(reference, dateTime, StyleOf(dateTime), value);
            case DateTimeOffset offset:
                return DateCell(reference, offset.DateTime, StyleOf(offset.DateTime), value);
        }

        Span<char> formatted = stackalloc char[ExportValues.MaxFormattedLength];
        if (ExportValues.TryFormatNumber(value, formatted, out var written))
        {
            var text = formatted[..written].ToString();
            return column.Kind == ExportValueKind.Number
                ? new Cell { CellReference = reference, CellValue = new CellValue(text) }
                : TextCell(reference, text, null);
        }

        return TextCell(reference, ExportValues.ToText(value, options.MultipleChoiceSeparator), null);
    }

    /// <summary>A time at midnight is a day (entries stored at day precision): shown without a time of day.</summary>
    private static uint StyleOf(DateTime dateTime) => dateTime.TimeOfDay == TimeSpan.Zero ? DateStyle : DateTimeStyle;

    private static Cell DateCell(string reference, DateTime dateTime, uint style, object original)
    {
        if (dateTime < FirstSerialDate)
        {
            Span<char> formatted = stackalloc char[ExportValues.MaxFormattedLength];
            ExportValues.TryFormatDate(original, formatted, out var written);
            return TextCell(reference, formatted[..written].ToString(), null);
        }

        return new Cell
        {
            CellReference = reference,
            StyleIndex = style,
            CellValue = new CellValue(dateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture)),
        };
    }

    private static Cell TextCell(string reference, string text, uint? style)
    {
        var cell = new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
        };
        if (style is { } index)
        {
            cell.StyleIndex = index;
        }

        return cell;
    }

    /// <summary>Removes what XML 1.0 cannot carry and cuts at Excel's cell limit; returns the same string when nothing changes.</summary>
    private static string XmlSafe(string text)
    {
        if (text.Contains('\r', StringComparison.Ordinal))
        {
            // An XML reader turns CR and CRLF into LF anyway; Excel's own line break in a cell is LF.
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        var valid = true;
        for (var i = 0; i < text.Length && valid; i++)
        {
            if (char.IsSurrogate(text[i]))
            {
                valid = i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]);
                i++;
            }
            else
            {
                valid = XmlConvert.IsXmlChar(text[i]);
            }
        }

        if (valid && text.Length <= MaxCellTextLength)
        {
            return text;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxCellTextLength));
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (builder.Length + 2 > MaxCellTextLength)
                {
                    break;
                }

                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                if (builder.Length + 1 > MaxCellTextLength)
                {
                    break;
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string ColumnLetters(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    private static Stylesheet CreateStylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164U, FormatCode = "dd.mm.yyyy" },
            new NumberingFormat { NumberFormatId = 165U, FormatCode = "dd.mm.yyyy hh:mm" })
        { Count = 2U },
        new Fonts(
            new Font(new FontSize { Val = 11D }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11D }, new FontName { Val = "Calibri" }))
        { Count = 2U },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()))
        { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U })
        { Count = 1U },
        new CellFormats(
            new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true },
            new CellFormat { NumberFormatId = 164U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true })
        { Count = 4U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U })
        { Count = 1U });

    private static void WriteFixed(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Utf8NoBom.GetBytes(xml));
    }

    private static void WriteElement(ZipArchive zip, string name, OpenXmlElement element)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream, Utf8NoBom);
        writer.WriteElement(element);
        writer.Close();
    }
}
