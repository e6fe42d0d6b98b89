using System.Xml.Linq;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Definitions;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Usync.Handlers;

/// <summary>
/// Form definitions (<c>Forms/</c>), before media and content (documents pick forms). Stored through
/// <see cref="FormBuilderService"/>, deleted through <see cref="FormDeletion"/> (the entry field catalogue forgets the form).
/// </summary>
public sealed class FormHandler(FormBuilderService forms, FormDeletion deletion, ILogger<FormHandler> logger)
    : UsyncHandler<FormDefinition>(UsyncItemKind.Forms, logger)
{
    protected override FormDefinition Read(XElement root) => UsyncSerializer.ReadForm(root);

    protected override Guid KeyOf(FormDefinition item) => item.Key;

    protected override string NameOf(FormDefinition item) => item.Name;

    protected override Task<UsyncPlan> PlanAsync(UsyncImportRun run, UsyncFile file, FormDefinition incoming, CancellationToken cancellationToken)
    {
        if (run.State.Forms.Values.FirstOrDefault(f => f.Key != incoming.Key && string.Equals(f.Alias, incoming.Alias, StringComparison.OrdinalIgnoreCase)) is { } clash)
        {
            return Task.FromResult(UsyncPlan.Fail(
                $"Es gibt bereits ein Formular mit dem Alias „{clash.Alias}“ und anderem Schlüssel ({UsyncXml.Guid(clash.Key)})."));
        }

        run.State.Forms.TryGetValue(incoming.Key, out var existing);
        var record = FormDefinitionStore.ToRecord(incoming, default);
        return Task.FromResult(UsyncPlan.Change(existing is null ? null : Flatten(existing), Flatten(incoming), async ct =>
            {
                record = await forms.ImportAsync(incoming, UsyncService.Importer, ct);
                return null;
            },
            () => run.State.Forms[record.Key] = record));
    }

    protected override async Task<string?> RemoveAsync(UsyncImportRun run, Guid key, CancellationToken cancellationToken)
    {
        var stored = run.State.Forms[key];
        await deletion.DeleteAsync(UsyncService.Importer, new FormDefinition { Key = stored.Key, Alias = stored.Alias, Name = stored.Name }, cancellationToken);
        return null;
    }

    protected override System.Collections.IDictionary StoredItems(UsyncState state) => state.Forms;

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
