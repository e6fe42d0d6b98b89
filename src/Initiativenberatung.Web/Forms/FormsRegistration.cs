using Initiativenberatung.Infrastructure.Forms;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.Forms;

public static class FormsRegistration
{
    /// <summary>Forms: options (<c>Forms:SubmittedAtPrecision</c>, validated at start), definition and entry stores, the submission step shared by every form post.</summary>
    public static WebApplicationBuilder AddForms(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FormsOptions>().BindConfiguration(FormsOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FormsOptions>, FormsOptionsValidator>();
        builder.Services.AddSingleton<FormDefinitionStore>();
        builder.Services.AddSingleton<FormEntryFieldCatalog>();
        builder.Services.AddSingleton<FormEntryStore>();
        builder.Services.AddSingleton<FormSubmissionService>();
        return builder;
    }
}
