using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Initiativenberatung.IntegrationTests.Forms;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Notifications;

/// <summary>Approving, deleting and purging entries raise their notification once (actor, form, entry ids) with one audit line.</summary>
[TestFixture]
public sealed class FormEntriesNotificationTests
{
    private static readonly Actor Staff = new("user-3", "team@example.org");
    private readonly NotificationRecorder _recorder = new();
    private CmsWebApplicationFactory _factory = null!;
    private IServiceProvider _services = null!;

    [SetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        _services = _recorder.Subscribe(_factory).Services;
    }

    [TearDown]
    public void StopSite() => _factory.Dispose();

    private FormEntryBrowser Entries => _services.GetRequiredService<FormEntryBrowser>();

    [Test]
    public async Task Raises_FormEntriesStateChanged_with_the_ids_When_entries_are_approved()
    {
        var (form, first, second) = await SurveyWithTwoEntriesAsync();
        var changed = await _recorder.ExpectOneAsync<FormEntriesStateChangedNotification>(_services, Staff, form.Key,
            () => Entries.SetStateAsync(Staff, form, [first, second], FormEntryState.Approved));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed.EntryIds, Is.EquivalentTo(new[] { first, second }));
            Assert.That(changed.EntityName, Is.EqualTo(form.Name));
            Assert.That((await Entries.GetAsync(form.Key, first))!.State, Is.EqualTo(FormEntryState.Approved));
        }
    }

    [Test]
    public async Task Raises_FormEntriesDeleted_with_the_ids_When_entries_are_deleted()
    {
        var (form, first, _) = await SurveyWithTwoEntriesAsync();
        var deleted = await _recorder.ExpectOneAsync<FormEntriesDeletedNotification>(_services, Staff, form.Key,
            () => Entries.DeleteAsync(Staff, form, [first]));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(deleted.EntryIds, Is.EqualTo(new[] { first }));
            Assert.That(await Entries.GetAsync(form.Key, first), Is.Null);
        }
    }

    [Test]
    public async Task Raises_FormEntriesPurged_with_the_count_When_old_entries_are_purged()
    {
        var (form, first, _) = await SurveyWithTwoEntriesAsync();
        var purged = await _recorder.ExpectOneAsync<FormEntriesPurgedNotification>(_services, Actor.System, form.Key,
            () => Entries.PurgeAsync(Actor.System, form, DateTime.UtcNow.Date.AddDays(1)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(purged.Count, Is.GreaterThanOrEqualTo(2));
            Assert.That(await Entries.GetAsync(form.Key, first), Is.Null);
        }
    }

    [Test]
    public async Task Raises_nothing_When_a_purge_finds_no_entries()
    {
        var form = await SurveyAsync();
        _recorder.Clear();
        var removed = await Entries.PurgeAsync(Actor.System, form, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed, Is.Zero);
            Assert.That(_recorder.Received, Is.Empty);
        }
    }

    private async Task<FormDefinition> SurveyAsync() =>
        await _services.GetRequiredService<FormDefinitionStore>().GetAsync(FormEntriesTestSite.SurveyKey)
            ?? throw new AssertionException("The seeded survey is missing.");

    private async Task<(FormDefinition Form, long First, long Second)> SurveyWithTwoEntriesAsync()
    {
        var form = await SurveyAsync();
        var store = _services.GetRequiredService<FormEntryStore>();
        async Task<long> AppendAsync(string answer) =>
            (await store.AppendAsync(form, [KeyValuePair.Create("fachbereich", new FormEntryValue(form.FindField("fachbereich")?.Caption ?? "fachbereich", [answer]))])).Id;
        return (form, await AppendAsync("Umwelt"), await AppendAsync("Bauen"));
    }
}
