namespace Initiativenberatung.Core.Forms;

/// <summary>Keeps show/hide rules pointing at the right field when the form builder renames a field's alias.</summary>
public static class FormConditionReferences
{
    /// <summary>
    /// Rewrites rules of <paramref name="updated"/> that reference a field by an alias the field had in
    /// <paramref name="previous"/> (same field key, new alias) to the new alias. Rules by key need nothing; an old alias that
    /// another field of the updated form now carries is left alone (the rule then means that field, as written).
    /// Returns the number of rules changed.
    /// </summary>
    public static int RenameAliases(FormDefinition previous, FormDefinition updated)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(updated);
        var current = updated.AllFields().Where(f => f.Alias.Length > 0).Select(f => f.Alias).ToHashSet(StringComparer.Ordinal);
        var newAliasByKey = updated.AllFields().GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Alias);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in previous.AllFields())
        {
            if (field.Alias.Length > 0
                && newAliasByKey.TryGetValue(field.Key, out var alias)
                && alias.Length > 0
                && !string.Equals(alias, field.Alias, StringComparison.Ordinal)
                && !current.Contains(field.Alias))
            {
                renames.TryAdd(field.Alias, alias);
            }
        }

        if (renames.Count == 0)
        {
            return 0;
        }

        var changed = 0;
        foreach (var rule in updated.AllFields().Where(f => f.Condition is not null).SelectMany(f => f.Condition!.Rules))
        {
            if (renames.TryGetValue(rule.Field.Trim(), out var alias))
            {
                rule.Field = alias;
                changed++;
            }
        }

        return changed;
    }
}
