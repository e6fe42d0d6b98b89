using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Initiativenberatung.Web.Localization;

namespace Initiativenberatung.Web.Forms.DeliveryApi;

/// <summary>The answers of a JSON entry, or the German messages (by JSON path) why the body cannot be used.</summary>
public sealed record FormEntryRequest(
    IReadOnlyDictionary<string, string[]> Answers,
    IReadOnlyDictionary<string, string[]> Errors,
    string? FormToken = null)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads the body of <c>POST …/entries/{id}</c> strictly: a JSON object with <c>values</c> (alias → string, array of
/// strings, number, boolean or null) and optional <c>formToken</c> (the "form shown" token of the definition),
/// <c>contentId</c>, <c>culture</c> and <c>additionalData</c>. Anything
/// else (malformed JSON, other types, unknown or repeated properties, too many answers) gives a German message naming the
/// place. <c>contentId</c>, <c>culture</c> and <c>additionalData</c> are checked but never stored (the entry is anonymous).
/// </summary>
public static class FormEntryRequestReader
{
    public const int MaxAnswers = 512;
    public const int MaxValuesPerAnswer = 256;
    public const int MaxDepth = 8;
    public const string FormTokenProperty = "formToken";

    public static FormEntryRequest Read(ReadOnlyMemory<byte> body, IStringLocalizer text)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var answers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? formToken = null;
        void Error(string path, string message)
        {
            if (!errors.TryGetValue(path, out var list))
            {
                errors[path] = list = [];
            }

            list.Add(message);
        }

        // JsonDocument checks the structure, not the bytes inside strings: broken UTF-8 would throw only when a value is read.
        if (!Utf8.IsValid(body.Span))
        {
            Error("$", text["Api.InvalidUtf8", FirstInvalidUtf8(body.Span) + 1]);
            return Result(answers, errors, formToken);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            Error("$", text["Api.MalformedJson", (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1]);
            return Result(answers, errors, formToken);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error("$", text["Api.BodyNotObject"]);
                return Result(answers, errors, formToken);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var hasValues = false;
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    Error(property.Name, text["Api.DuplicateProperty", Short(property.Name)]);
                    continue;
                }

                switch (property.Name)
                {
                    case "values":
                        hasValues = true;
                        ReadValues(property.Value, answers, Error, text);
                        break;
                    case FormTokenProperty:
                        if (property.Value.ValueKind == JsonValueKind.String)
                        {
                            formToken = property.Value.GetString();
                        }
                        else if (property.Value.ValueKind != JsonValueKind.Null)
                        {
                            Error(FormTokenProperty, text["Api.FormTokenType"]);
                        }

                        break;
                    case "contentId":
                        if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
                        {
                            Error("contentId", text["Api.ContentIdType"]);
                        }

                        break;
                    case "culture":
                        if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)
                            || (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > 35))
                        {
                            Error("culture", text["Api.CultureType"]);
                        }

                        break;
                    case "additionalData":
                        if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                        {
                            Error("additionalData", text["Api.AdditionalDataType"]);
                        }

                        break;
                    default:
                        Error(Short(property.Name), text["Api.UnknownProperty", Short(property.Name)]);
                        break;
                }
            }

            if (!hasValues)
            {
                Error("values", text["Api.ValuesMissing"]);
            }
        }

        return Result(answers, errors, formToken);
    }

    private static void ReadValues(JsonElement values, Dictionary<string, string[]> answers, Action<string, string> error, IStringLocalizer text)
    {
        if (values.ValueKind != JsonValueKind.Object)
        {
            error("values", text["Api.ValuesNotObject"]);
            return;
        }

        foreach (var answer in values.EnumerateObject())
        {
            var path = "values." + Short(answer.Name);
            if (answer.Name.Trim().Length == 0)
            {
                error(path, text["Api.EmptyAlias"]);
                continue;
            }

            if (answers.Count >= MaxAnswers)
            {
                error("values", text.Plural("Api.TooManyAnswers", MaxAnswers, MaxAnswers));
                return;
            }

            if (answers.ContainsKey(answer.Name))
            {
                error(path, text["Api.DuplicateProperty", Short(answer.Name)]);
                continue;
            }

            var value = answer.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Array)
            {
                var list = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (Scalar(item) is not { } itemText || list.Count >= MaxValuesPerAnswer)
                    {
                        error(path, text["Api.WrongValueType", Short(answer.Name)]);
                        list = null;
                        break;
                    }

                    list.Add(itemText);
                }

                if (list is not null)
                {
                    answers[answer.Name] = [.. list];
                }

                continue;
            }

            if (Scalar(value) is { } single)
            {
                answers[answer.Name] = [single];
            }
            else
            {
                error(path, text["Api.WrongValueType", Short(answer.Name)]);
            }
        }
    }

    /// <summary>A string as it is; a number as written; a boolean as <c>true</c>/<c>false</c>; anything else <c>null</c>.</summary>
    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return read;
    }

    private static string Short(string name) => name.Length <= 64 ? name : name[..64] + "…";

    private static FormEntryRequest Result(Dictionary<string, string[]> answers, Dictionary<string, List<string>> errors, string? formToken = null) =>
        new(answers, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal), formToken);
}
