namespace Initiativenberatung.Web.BackOffice.FormBuilder;

/// <summary>Marker type for the form builder's German texts (<c>Resources/BackOffice.FormBuilder.FormBuilderText.resx</c>).</summary>
public sealed class FormBuilderText;
