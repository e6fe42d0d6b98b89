using System.Xml.Linq;
using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.Infrastructure.Usync;

/// <summary>
/// Forms: <c>Forms/&lt;alias&gt;.config</c> with root <c>&lt;Form Key="…" Alias="…" Level="1"&gt;</c> and one
/// <c>&lt;Definition&gt;</c> holding the definition as JSON in the Forms delivery API shape (CDATA, keys sorted,
/// see <see cref="FormDefinitionJson"/>). uSync's forms add-on's own layout is not confirmed; this is ours, documented.
/// </summary>
public static partial class UsyncSerializer
{
    public static byte[] WriteForm(FormDefinition form) =>
        UsyncXml.ToBytes(new XElement(
            "Form",
            new XAttribute("Key", UsyncXml.Guid(form.Key)),
            new XAttribute("Alias", form.Alias),
            new XAttribute("Level", 1),
            new XElement("Definition", new XCData(FormDefinitionJson.Write(form)))));

    /// <exception cref="FormatException">Not a form file, or its definition is not usable (German message).</exception>
    public static FormDefinition ReadForm(XElement root)
    {
        Expect(root, "Form");
        var key = RequireKey(root);
        var alias = ((string?)root.Attribute("Alias"))?.Trim();
        if (string.IsNullOrEmpty(alias))
        {
            throw new FormatException("Das Attribut Alias fehlt.");
        }

        var json = root.Element("Definition")?.Value;
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new FormatException($"Das Formular „{alias}“ hat keine <Definition>.");
        }

        var form = FormDefinitionJson.Read(json, alias);
        if (form.Key != key)
        {
            throw new FormatException($"Die id im JSON ({UsyncXml.Guid(form.Key)}) passt nicht zum Key der Datei ({UsyncXml.Guid(key)}).");
        }

        return form;
    }
}
