using System.Globalization;
using System.Net;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Forms;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// Object-level authorization of form entries. The role model has no per-form permission: the Forms policy (Administrator, Staff)
/// covers the entries of every form, Editors get none. What is proven: both allowed roles can list, open, export, change and delete,
/// an Editor can do none of it, and an entry is only reachable through the form it belongs to.
/// </summary>
[TestFixture]
public sealed class EntriesAuthorizationTests
{
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _factory.CreateClient().Dispose();
        foreach (var role in BackOfficeRoles.All)
        {
            await _factory.CreateUserAsync(EmailOf(role), role);
        }
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [TestCase(BackOfficeRoles.Administrator)]
    [TestCase(BackOfficeRoles.Staff)]
    public async Task Lists_opens_exports_changes_and_deletes_entries_When_the_role_has_the_forms_permission(string role)
    {
        var form = await _factory.CreateFormAsync("erlaubt-" + role.ToLowerInvariant());
        var entry = await _factory.AppendAsync(form, ("fachbereich", ["Sichtbar " + role]));
        using var client = await _factory.SignedInClientAsync(EmailOf(role));
        var id = entry.Id.ToString(CultureInfo.InvariantCulture);

        var statuses = new List<string>();
        foreach (var path in new[] { $"/umbraco/forms/{form.Key}/entries", $"/umbraco/forms/{form.Key}/entries/{id}", $"/umbraco/forms/{form.Key}/results", $"/umbraco/forms/{form.Key}/export?format=csv" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            statuses.Add($"{path} {(int)response.StatusCode}");
        }

        var csv = await client.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/export?format=csv", UriKind.Relative));
        using var state = await client.PostFormAsync($"/umbraco/forms/{form.Key}/entries/state?target=Approved&ids={id}",
            new Dictionary<string, string> { ["target"] = "Approved", ["ids"] = id });
        var approved = await StateAsync(entry.Id);
        using var delete = await client.PostFormAsync($"/umbraco/forms/{form.Key}/entries/delete?ids={id}", new Dictionary<string, string> { ["ids"] = id });
        var left = await _factory.CountAsync(form.Key);

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Has.All.EndsWith(" 200"));
            Assert.That(csv, Does.Contain("Sichtbar " + role));
            Assert.That(state.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(approved, Is.EqualTo(FormEntryState.Approved));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(left, Is.Zero);
        });
    }

    [Test]
    public async Task Leaves_the_entry_of_another_form_unchanged_When_its_id_is_sent_to_a_forms_state_change_or_delete()
    {
        var form = await _factory.CreateFormAsync("fremd-ziel");
        var other = await _factory.CreateFormAsync("fremd-quelle");
        var own = await _factory.AppendAsync(form, ("fachbereich", ["Eigen"]));
        var foreign = await _factory.AppendAsync(other, ("fachbereich", ["Fremd"]));
        using var staff = await _factory.SignedInClientAsync(EmailOf(BackOfficeRoles.Staff));
        var ids = $"{own.Id},{foreign.Id}";

        using var state = await staff.PostFormAsync($"/umbraco/forms/{form.Key}/entries/state?target=Approved&ids={own.Id}",
            new Dictionary<string, string> { ["target"] = "Approved", ["ids"] = ids });
        var foreignState = await StateAsync(foreign.Id);
        using var delete = await staff.PostFormAsync($"/umbraco/forms/{form.Key}/entries/delete?ids={own.Id}", new Dictionary<string, string> { ["ids"] = ids });
        using var detail = await staff.GetAsync(new Uri($"/umbraco/forms/{form.Key}/entries/{foreign.Id}", UriKind.Relative));
        var results = await staff.GetStringAsync(new Uri($"/umbraco/forms/{form.Key}/results", UriKind.Relative));

        var otherCount = await _factory.CountAsync(other.Key);
        Assert.Multiple(() =>
        {
            Assert.That(foreignState, Is.EqualTo(FormEntryState.Submitted), "another form's entry keeps its state");
            Assert.That(otherCount, Is.EqualTo(1), "another form's entry is not deleted");
            Assert.That(detail.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(results, Does.Not.Contain("Fremd"));
        });
    }

    private static string EmailOf(string role) => $"objekt-{role.ToLowerInvariant()}@example.org";

    private async Task<FormEntryState> StateAsync(long id)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.FormEntries.Where(e => e.Id == id).Select(e => e.State).SingleAsync();
    }
}
