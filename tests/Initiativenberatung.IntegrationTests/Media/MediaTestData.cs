using System.Net.Http.Headers;
using System.Text;
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

    /// <summary>Posts files as multipart to a media handler with the antiforgery token of <paramref name="pagePath"/>.</summary>
    public static async Task<HttpResponseMessage> PostFilesAsync(
        this HttpClient client, string pagePath, string action, string field, IEnumerable<(string Name, byte[] Content)> files,
        bool json = false, IDictionary<string, string>? fields = null)
    {
        var page = await client.GetStringAsync(new Uri(pagePath, UriKind.Relative));
        var token = BackOfficeTestClient.AntiforgeryToken(page) ?? throw new AssertionException($"No antiforgery token on {pagePath}.");
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

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(action, UriKind.Relative)) { Content = content };
        if (json)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid? folder, string name, byte[] content, bool json = false)
    {
        var page = folder is null ? "/umbraco/media" : $"/umbraco/media/{folder}";
        return client.PostFilesAsync(page, page + "?handler=Upload", "files", [(name, content)], json);
    }

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
