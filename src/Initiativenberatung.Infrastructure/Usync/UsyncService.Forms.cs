using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Usync;

public sealed partial class UsyncService
{
    private async Task ImportFormsAsync(Run run, CancellationToken cancellationToken)
    {
        const string handler = "FormHandler";
        foreach (var (entry, incoming) in await ReadItemsAsync(run, handler, "Form", FormsFolder, UsyncSerializer.ReadForm, cancellationToken))
        {
            if (run.State.Forms.Values.FirstOrDefault(f => f.Key != incoming.Key && string.Equals(f.Alias, incoming.Alias, StringComparison.OrdinalIgnoreCase)) is { } clash)
            {
                Add(run, handler, "Form", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail,
                    $"Es gibt bereits ein Formular mit dem Alias „{clash.Alias}“ und anderem Schlüssel ({UsyncXml.Guid(clash.Key)}).");
                continue;
            }

            run.State.Forms.TryGetValue(incoming.Key, out var existing);
            var details = Diff(existing is null ? null : Flatten(existing), Flatten(incoming));
            if (existing is not null && details.Count == 0)
            {
                Add(run, handler, "Form", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.NoChange);
                continue;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            FormRetention.CarryOver(existing is null ? null : TryDefinition(existing), incoming, now);
            var record = FormDefinitionStore.ToRecord(incoming, now);
            if (run.Apply)
            {
                if (existing is null)
                {
                    run.Db.FormDefinitions.Add(record);
                }
                else
                {
                    var tracked = await run.Db.FormDefinitions.SingleAsync(f => f.Key == record.Key, cancellationToken);
                    run.Db.Entry(tracked).CurrentValues.SetValues(record);
                }
            }

            if (await SaveAsync(run, cancellationToken) is { } error)
            {
                Add(run, handler, "Form", incoming.Name, incoming.Key, entry.RelativePath, UsyncChangeKind.Fail, error);
                continue;
            }

            run.State.Forms[record.Key] = record;
            Add(run, handler, "Form", incoming.Name, incoming.Key, entry.RelativePath,
                existing is null ? UsyncChangeKind.Create : UsyncChangeKind.Update, null, details);
        }
    }

    private static FormDefinition? TryDefinition(FormDefinitionRecord record)
    {
        try
        {
            return FormDefinitionStore.ToDefinition(record);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static SortedDictionary<string, string?> Flatten(FormDefinitionRecord record)
    {
        try
        {
            return Flatten(FormDefinitionStore.ToDefinition(record));
        }
        catch (FormatException)
        {
            // An unreadable stored definition differs from any file: show its raw JSON.
            return new SortedDictionary<string, string?>(StringComparer.Ordinal) { ["Alias"] = record.Alias, ["Name"] = record.Name, ["Definition"] = record.DefinitionJson };
        }
    }

    /// <summary>Per-property view for the report: name, alias, settings, layout and one entry per field.</summary>
    private static SortedDictionary<string, string?> Flatten(FormDefinition form)
    {
        var result = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Alias"] = form.Alias,
            ["Name"] = form.Name,
            ["Settings"] = FormDefinitionJson.WriteSettings(form),
            ["Layout"] = FormDefinitionJson.WriteLayout(form),
        };
        foreach (var field in form.AllFields())
        {
            result["Field:" + field.Alias] = FormDefinitionJson.WriteField(field);
        }

        return result;
    }
}
