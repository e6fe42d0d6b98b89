using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Parser;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Media;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Media;

/// <summary>Seed keys, sample files and helpers for the media tests.</summary>
internal static class MediaTestData
{
    /// <summary>The infosheet PDF „Klimaschutz lokal stärken“ (uSync/v17/Media/klimaschutz-lokal-staerken.config).</summary>
    public static readonly Guid InfosheetKey = Guid.Parse("a8c3e1f0-2b4d-4e6f-8a1c-3d5e7f9b0c12");

    public static readonly Guid RoundTableKey = Guid.Parse("b71d4c22-6e3a-4f1b-9c8d-2a5e7f0b1c34");

    public static readonly Guid DownloadsFolderKey = Guid.Parse("7d1e2f30-5a6b-4c7d-8e9f-0a1b2c3d4e52");

    public static readonly Guid LogosFolderKey = Guid.Parse("7d1e2f30-5a6b-4c7d-8e9f-0a1b2c3d4e53");

    public static byte[] SeedFile(string relative) =>
        File.ReadAllBytes(Path.Combine(CmsWebApplicationFactory.RepositoryRoot, "uSync", "v17", "Files", relative));

    public static byte[] Png => SeedFile("b71d4c22/runder-tisch.png");

    public static byte[] Svg => SeedFile("c42f9a10/logo-eu.svg");

    /// <summary>A small valid-looking PDF of about <paramref name="size"/> bytes with a marker text.</summary>
    public static byte[] Pdf(string marker, int size = 2000)
    {
        var head = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {marker}\n");
        var body = new byte[Math.Max(size, head.Length + 6)];
        head.CopyTo(body, 0);
        for (var i = head.Length; i < body.Length - 6; i++)
        {
            body[i] = (byte)'x';
        }

        Encoding.ASCII.GetBytes("\n%%EOF").CopyTo(body, body.Length - 6);
        return body;
    }

    /// <summary>
    /// Posts files as multipart through the form <paramref name="formSelector"/> of <paramref name="pagePath"/>:
    /// its action and its antiforgery token, as a browser would.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFilesAsync(
        this HttpClient client, string pagePath, string formSelector, string field, IEnumerable<(string Name, byte[] Content)> files,
        bool json = false, IDictionary<string, string>? fields = null)
    {
        var html = await client.GetStringAsync(new Uri(pagePath, UriKind.Relative));
        var form = new HtmlParser().ParseDocument(html).QuerySelector(formSelector)
            ?? throw new AssertionException($"No form '{formSelector}' on {pagePath}.");
        var action = form.GetAttribute("action");
        Assert.That(action, Is.Not.Null.And.Not.Empty, $"action of '{formSelector}' on {pagePath}");
        Assert.That(form.GetAttribute("enctype"), Is.EqualTo("multipart/form-data"), $"enctype of '{formSelector}'");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new AssertionException($"No antiforgery token in '{formSelector}' on {pagePath}.");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (key, value) in fields ?? new Dictionary<string, string>())
        {
            content.Add(new StringContent(value), key);
        }

        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, field, name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(action!, UriKind.Relative)) { Content = content };
        if (json)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        return await client.SendAsync(request);
    }

    /// <summary>Uploads through the upload form of a folder (or the root).</summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid? folder, string name, byte[] content, bool json = false) =>
        client.UploadAsync(folder, [(name, content)], json);

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid? folder, IEnumerable<(string Name, byte[] Content)> files, bool json = false) =>
        client.PostFilesAsync(folder is null ? "/umbraco/media" : $"/umbraco/media/{folder}", "form[data-media-upload]", "files", files, json);

    /// <summary>Replaces the file of an item through the "Datei ersetzen" form of its page.</summary>
    public static Task<HttpResponseMessage> ReplaceAsync(this HttpClient client, Guid key, string name, byte[] content) =>
        client.PostFilesAsync($"/umbraco/media/edit/{key}", "form[action*='handler=Replace']", "file", [(name, content)]);

    public static async Task<List<MediaItem>> MediaAsync(this CmsWebApplicationFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.MediaItems.AsNoTracking().ToListAsync();
    }

    public static async Task<List<AuditEntry>> AuditAsync(this CmsWebApplicationFactory factory, Guid key)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityKey == key).OrderBy(a => a.Id).ToListAsync();
    }

    public static string[] StoredFiles(this CmsWebApplicationFactory factory)
    {
        var root = Path.Combine(factory.TempDirectory, "media");
        return Directory.Exists(root)
            ? [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)]
            : [];
    }

    public static string StoredPath(this CmsWebApplicationFactory factory, string storePath) =>
        Path.Combine(factory.TempDirectory, "media", storePath.Replace('/', Path.DirectorySeparatorChar));
}
