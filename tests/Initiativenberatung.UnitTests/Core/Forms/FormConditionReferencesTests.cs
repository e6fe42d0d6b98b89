using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.UnitTests.Core.Forms;

[TestFixture]
public sealed class FormConditionReferencesTests
{
    private static readonly Guid Municipality = Guid.NewGuid();
    private static readonly Guid Department = Guid.NewGuid();
    private static readonly Guid Follow = Guid.NewGuid();

    private static FormDefinition Form(string municipalityAlias, string departmentAlias, params string[] ruleFields) => new()
    {
        Pages =
        [
            new FormPage
            {
                Fieldsets =
                [
                    new FormFieldset
                    {
                        Columns =
                        [
                            new FormColumn
                            {
                                Fields =
                                [
                                    new FormField { Key = Municipality, Alias = municipalityAlias },
                                    new FormField { Key = Department, Alias = departmentAlias },
                                    new FormField
                                    {
                                        Key = Follow,
                                        Alias = "folge",
                                        Condition = new FormCondition { Rules = ruleFields.Select(f => new FormConditionRule { Field = f, Value = "x" }).ToList() },
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
        ],
    };

    private static IEnumerable<string> Rules(FormDefinition form) => form.FindField("folge")!.Condition!.Rules.Select(r => r.Field);

    [Test]
    public void Rewrites_rules_by_the_old_alias_to_the_new_one_When_a_field_alias_is_renamed()
    {
        var updated = Form("kommune", "bereich", "gemeinde", "fachbereich");

        var changed = FormConditionReferences.RenameAliases(Form("gemeinde", "fachbereich"), updated);

        Assert.That(changed, Is.EqualTo(2));
        Assert.That(Rules(updated), Is.EqualTo(new[] { "kommune", "bereich" }));
    }

    [Test]
    public void Leaves_rules_by_key_and_by_unchanged_aliases_alone_When_another_field_is_renamed()
    {
        var updated = Form("kommune", "fachbereich", Department.ToString("D"), "fachbereich");

        var changed = FormConditionReferences.RenameAliases(Form("gemeinde", "fachbereich"), updated);

        Assert.That(changed, Is.Zero);
        Assert.That(Rules(updated), Is.EqualTo(new[] { Department.ToString("D"), "fachbereich" }));
    }

    [Test]
    public void Keeps_a_rule_on_the_old_alias_When_another_field_now_carries_that_alias()
    {
        // The two aliases were swapped: "gemeinde" now names the department field, and the rule means that field as written.
        var updated = Form("fachbereich", "gemeinde", "gemeinde");

        FormConditionReferences.RenameAliases(Form("gemeinde", "fachbereich"), updated);

        Assert.That(Rules(updated), Is.EqualTo(new[] { "gemeinde" }));
    }
}
