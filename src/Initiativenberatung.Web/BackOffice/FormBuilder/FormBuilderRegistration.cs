using Initiativenberatung.Infrastructure.Forms.Definitions;

namespace Initiativenberatung.Web.BackOffice.FormBuilder;

public static class FormBuilderRegistration
{
    /// <summary>Form builder (<c>/umbraco/forms/builder</c>): the service that validates and stores form definitions.</summary>
    public static WebApplicationBuilder AddFormBuilder(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FormBuilderService>();
        return builder;
    }
}
