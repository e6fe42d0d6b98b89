using System.Globalization;
using System.Text;
using Initiativenberatung.Core.Schema;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Schema;
using Initiativenberatung.Web.BackOffice.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Pages.Settings;

/// <summary>
/// Create or edit a document, element or media type. The whole editing state is posted with every button: add, move and
/// remove of groups and properties are page handlers that change the posted state and render it again without saving
/// (works without JavaScript); "Speichern" validates everything on the server and stores it.
/// </summary>
[Authorize(Policy = BackOfficePolicies.Settings)]
public sealed class ContentTypeEditModel(SchemaService schema, IStringLocalizer<SettingsText> text) : PageModel
{
    [FromRoute]
    public string List { get; set; } = "";

    [FromRoute]
    public Guid? Key { get; set; }

    [BindProperty]
    public ContentTypeForm Form { get; set; } = new();

    public ContentType? Existing { get; private set; }

    public ContentTypeList ListKind { get; private set; }

    public ContentTypeKind Kind => Existing?.Kind ?? (ListKind == ContentTypeList.MediaTypes ? ContentTypeKind.Media : ContentTypeKind.Document);

    public bool IsElement => Existing?.IsElement ?? (Kind == ContentTypeKind.Document && Form.IsElement);

    /// <summary>Other types of the same kind (children, compositions).</summary>
    public IReadOnlyList<ContentType> OtherTypes { get; private set; } = [];

    public IReadOnlyList<DataType> DataTypes { get; private set; } = [];

    /// <summary>Id of the element that gets the focus after a page handler (the new or moved row).</summary>
    public string? FocusId { get; private set; }

    public string Title => Existing is null
        ? text[Kind == ContentTypeKind.Media ? "ContentType.CreateMedia" : IsElement ? "ContentType.CreateElement" : "ContentType.CreateDocument"]
        : string.Format(CultureInfo.CurrentCulture, text["ContentType.EditTitle"], Existing.Name);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Form = Existing is null
            ? new ContentTypeForm
            {
                IsElement = ListKind == ContentTypeList.ElementTypes,
                Icon = Kind == ContentTypeKind.Media ? "icon-picture" : ListKind == ContentTypeList.ElementTypes ? "icon-science" : "icon-document",
                Groups = [new GroupForm { Key = Guid.NewGuid(), Alias = "content", Name = text["ContentType.DefaultGroup"], Type = "Group", IsNew = true }],
            }
            : ContentTypeForm.From(Existing);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var result = await schema.SaveContentTypeAsync(Form.ToInput(Key, Kind), SettingsLists.Actor(User), cancellationToken);
        if (!result.Succeeded)
        {
            SettingsLists.AddErrors(ModelState, nameof(Form), result.Errors);
            return Page();
        }

        var saved = result.Item!;
        TempData[SettingsMessages.TempDataKey] = new[] { string.Format(CultureInfo.CurrentCulture, text["ContentType.Saved"], saved.Name) }
            .Concat(result.Notes).ToArray();
        return Redirect($"/umbraco/settings/{SettingsLists.Segment(SettingsLists.Of(saved))}/edit/{saved.Key}");
    }

    public async Task<IActionResult> OnPostAddGroupAsync(CancellationToken cancellationToken)
    {
        if (!await BeginChangeAsync(cancellationToken))
        {
            return NotFound();
        }

        var name = Form.NewGroupName?.Trim() ?? "";
        var alias = string.IsNullOrWhiteSpace(Form.NewGroupAlias) ? AliasFrom(name) : Form.NewGroupAlias.Trim();
        if (name.Length == 0)
        {
            ModelState.AddModelError("Form.NewGroupName", text["Group.NameRequired"]);
        }
        else if (!SchemaValidator.AliasPattern().IsMatch(alias))
        {
            ModelState.AddModelError("Form.NewGroupAlias", string.Format(CultureInfo.CurrentCulture, text["Group.AliasInvalid"], alias));
        }
        else if (AvailableGroups().Any(g => string.Equals(g.Alias, alias, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("Form.NewGroupAlias", string.Format(CultureInfo.CurrentCulture, text["Group.AliasTaken"], alias));
        }
        else
        {
            Form.Groups.Add(new GroupForm { Key = Guid.NewGuid(), Alias = alias, Name = name, Type = "Group", IsNew = true });
            Form.NewGroupName = null;
            Form.NewGroupAlias = null;
            FocusId = GroupNameId(Form.Groups.Count - 1);
            return Page();
        }

        FocusId = "Form_NewGroupName";
        return Page();
    }

    public async Task<IActionResult> OnPostMoveGroupAsync(int index, int offset, CancellationToken cancellationToken)
    {
        if (!await BeginChangeAsync(cancellationToken))
        {
            return NotFound();
        }

        var target = index + Math.Sign(offset);
        if (index >= 0 && index < Form.Groups.Count && target >= 0 && target < Form.Groups.Count)
        {
            (Form.Groups[index], Form.Groups[target]) = (Form.Groups[target], Form.Groups[index]);
            FocusId = GroupMoveId(target, offset);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveGroupAsync(int index, CancellationToken cancellationToken)
    {
        if (!await BeginChangeAsync(cancellationToken))
        {
            return NotFound();
        }

        if (index >= 0 && index < Form.Groups.Count)
        {
            var group = Form.Groups[index];
            if (Form.Properties.Any(p => string.Equals(p.GroupAlias, group.Alias, StringComparison.Ordinal)))
            {
                ModelState.AddModelError($"Form.Groups[{index}].Name", string.Format(CultureInfo.CurrentCulture, text["Group.NotEmpty"], group.Name));
                FocusId = "settings-errors";
            }
            else
            {
                Form.Groups.RemoveAt(index);
                FocusId = "groups-heading";
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAddPropertyAsync(string? group, CancellationToken cancellationToken)
    {
        if (!await BeginChangeAsync(cancellationToken))
        {
            return NotFound();
        }

        var groups = AvailableGroups();
        var groupAlias = groups.Any(g => string.Equals(g.Alias, group, StringComparison.Ordinal)) ? group : groups.Count > 0 ? groups[0].Alias : null;
        var property = new PropertyForm
        {
            Key = Guid.NewGuid(),
            GroupAlias = groupAlias,
            DataTypeKey = DataTypes.Any(d => d.Key == BuiltInDataTypes.Textstring) ? BuiltInDataTypes.Textstring.ToString() : null,
        };
        var last = Form.Properties.FindLastIndex(p => string.Equals(p.GroupAlias, groupAlias, StringComparison.Ordinal));
        var position = last < 0 ? Form.Properties.Count : last + 1;
        Form.Properties.Insert(position, property);
        FocusId = PropertyFieldId(position, "Name");
        return Page();
    }

    public async Task<IActionResult> OnPostMovePropertyAsync(int index, int offset, CancellationToken cancellationToken)
    {
        if (!await BeginChangeAsync(cancellationToken))
        {
            return NotFound();
        }

        if (index >= 0 && index < Form.Properties.Count && offset != 0)
        {
            // Up/down within the property's group: swap with the nearest neighbour of the same group.
            var group = Form.Properties[index].GroupAlias;
            var step = Math.Sign(offset);
            var target = index + step;
            while (target >= 0 && target < Form.Properties.Count && !string.Equals(Form.Properties[target].GroupAlias, group, StringComparison.Ordinal))
            {
                target += step;
            }

            if (target >= 0 && target < Form.Properties.Count)
            {
                (Form.Properties[index], Form.Properties[target]) = (Form.Properties[target], Form.Properties[index]);
                FocusId = PropertyMoveId(target, offset);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemovePropertyAsync(int index, CancellationToken cancellationToken)
    {
        if (!await BeginChangeAsync(cancellationToken))
        {
            return NotFound();
        }

        if (index >= 0 && index < Form.Properties.Count)
        {
            Form.Properties.RemoveAt(index);
            FocusId = "groups-heading";
        }

        return Page();
    }

    // ------------------------------------------------------------------------------------------- view helpers

    public static string GroupNameId(int index) => $"Form_Groups_{index}__Name";

    public static string GroupMoveId(int index, int offset) => $"group-{index}-{(offset < 0 ? "up" : "down")}";

    public static string PropertyFieldId(int index, string field) => $"Form_Properties_{index}__{field}";

    public static string PropertyMoveId(int index, int offset) => $"property-{index}-{(offset < 0 ? "up" : "down")}";

    public bool HasError(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;

    public bool PropertyHasError(int index) =>
        ModelState.Any(e => e.Key.StartsWith($"Form.Properties[{index}].", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 });

    /// <summary>The compositions currently ticked in the form, resolved.</summary>
    public IReadOnlyList<ContentType> SelectedCompositions() =>
        [.. Form.Compositions.Select(k => OtherTypes.FirstOrDefault(t => t.Key == k)).OfType<ContentType>()];

    /// <summary>Groups a property can be put in: the type's own (form) groups, then those of its compositions.</summary>
    public IReadOnlyList<(string Alias, string Name, string? From)> AvailableGroups()
    {
        var result = new List<(string Alias, string Name, string? From)>();
        foreach (var group in Form.Groups.Where(g => !string.IsNullOrWhiteSpace(g.Alias)))
        {
            if (!result.Any(r => string.Equals(r.Alias, group.Alias, StringComparison.Ordinal)))
            {
                result.Add((group.Alias!, string.IsNullOrWhiteSpace(group.Name) ? group.Alias! : group.Name!, null));
            }
        }

        var index = new ContentTypeIndex(OtherTypes);
        foreach (var composition in SelectedCompositions())
        {
            foreach (var group in index.AllGroups(composition))
            {
                if (!result.Any(r => string.Equals(r.Alias, group.Alias, StringComparison.Ordinal)))
                {
                    result.Add((group.Alias, group.Name, composition.Name));
                }
            }
        }

        return result;
    }

    /// <summary>Properties inherited from the ticked compositions (read-only here).</summary>
    public IReadOnlyList<(PropertyType Property, string From)> InheritedProperties()
    {
        var index = new ContentTypeIndex(OtherTypes);
        var result = new List<(PropertyType, string)>();
        foreach (var composition in SelectedCompositions())
        {
            result.AddRange(index.AllProperties(composition).Select(p => (p, composition.Name)));
        }

        return result;
    }

    /// <summary>An alias from a display name: „Weitere Angaben“ → <c>weitereAngaben</c>.</summary>
    public static string AliasFrom(string name)
    {
        var builder = new StringBuilder();
        var upper = false;
        foreach (var c in name.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal)
                     .Replace("Ä", "Ae", StringComparison.Ordinal).Replace("Ö", "Oe", StringComparison.Ordinal).Replace("Ü", "Ue", StringComparison.Ordinal)
                     .Replace("ß", "ss", StringComparison.Ordinal))
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                builder.Append(builder.Length == 0 ? char.ToLowerInvariant(c) : upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = builder.Length > 0;
            }
        }

        return builder.ToString();
    }

    // ------------------------------------------------------------------------------------------- loading

    /// <summary>Loads the context and drops the posted values from the model state so that the changed form is rendered.</summary>
    private async Task<bool> BeginChangeAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return await LoadAsync(cancellationToken);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (SettingsLists.Parse(List) is not { } list)
        {
            return false;
        }

        ListKind = list;
        var all = await schema.GetContentTypesAsync(null, cancellationToken);
        if (Key is { } key)
        {
            Existing = all.FirstOrDefault(t => t.Key == key);
            if (Existing is null)
            {
                return false;
            }
        }

        OtherTypes = [.. all.Where(t => t.Kind == Kind && t.Key != Existing?.Key)];
        DataTypes = await schema.GetDataTypesAsync(cancellationToken);
        return true;
    }
}
