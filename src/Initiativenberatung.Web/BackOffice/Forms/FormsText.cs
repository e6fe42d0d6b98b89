namespace Initiativenberatung.Web.BackOffice.Forms;

/// <summary>Marker type for the German texts of the forms section: entries, export, results (<c>Resources/BackOffice.Forms.FormsText.resx</c>).</summary>
public sealed class FormsText;
