using Initiativenberatung.Web.BackOffice;
using Initiativenberatung.Web.BackOffice.Content;
using Initiativenberatung.Web.BackOffice.Errors;
using Initiativenberatung.Web.BackOffice.FormBuilder;
using Initiativenberatung.Web.BackOffice.Forms;
using Initiativenberatung.Web.BackOffice.Users;
using Initiativenberatung.Web.Cli;
using Initiativenberatung.Web.Content;
using Initiativenberatung.Web.DeliveryApi;
using Initiativenberatung.Web.Forms;
using Initiativenberatung.Web.Forms.DeliveryApi;
using Initiativenberatung.Web.Forms.Survey;
using Initiativenberatung.Web.Hosting;
using Initiativenberatung.Web.Media;
using Initiativenberatung.Web.OpenApi;
using Initiativenberatung.Web.Usync;
using Initiativenberatung.Web.Website;

var isCli = CliHost.IsCliInvocation(args, CliHost.KnownVerbs);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = isCli ? [] : args,
    ContentRootPath = SiteRoot.Find(),
});
SiteRoot.UseAppSettingsFromAssemblyFolder(builder.Configuration);

builder.AddCmsPersistence();
builder.AddCmsSubscriptions();
builder.AddCmsContent();
builder.AddUsync();
builder.AddForms();
builder.AddSurvey();
builder.AddFormBuilder();
builder.AddFormEntries();
builder.AddFormsDeliveryApi();
builder.AddCmsSecurity();
builder.AddBackOfficeUsers();
builder.AddBackOffice();
builder.AddBackOfficeErrors();
builder.AddContentSection();
builder.AddPublicWebsite();
builder.AddDeliveryApi();
builder.AddApiDocumentation();
builder.AddPublicResponseCompression();
builder.AddStaticFileCaching();
builder.AddCmsBackgroundJobs();

var app = builder.Build();
if (isCli)
{
    return await app.RunCliAsync(args);
}

await app.InitializeCmsAsync();

app.UseCmsSecurity();
app.UseCmsErrorPages();
app.UseBackOfficeErrorPages();
app.UseBackOfficeControlCharacterGuard();
app.UsePublicResponseCompression();
app.UseStaticFiles();
app.UseBackOfficeStaticFiles();
app.UseRouting();
app.UseCors();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();

app.MapMedia();
app.MapBackOffice();
app.MapFormEntries();
app.MapDeliveryApi();
app.MapFormsDeliveryApi();
app.MapApiDocumentation();
app.MapPublicWebsite();

await app.RunAsync();
return 0;

/// <summary>Entry point; public for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
