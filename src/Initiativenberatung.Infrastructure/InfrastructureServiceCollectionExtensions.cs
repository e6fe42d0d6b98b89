using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Media;
using Initiativenberatung.Infrastructure.Publishing;
using Initiativenberatung.Infrastructure.Sanitizing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Content engine services: sanitizer, published snapshot, content service, media store.</summary>
    public static IServiceCollection AddCmsContentEngine(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Messages.Catalog);
        services.AddSingleton<RichTextSanitizer>();
        services.AddSingleton<PropertyValueSanitizer>();
        services.AddSingleton<PublishedSnapshotService>();
        services.AddSingleton<IPublishedSnapshotAccessor>(sp => sp.GetRequiredService<PublishedSnapshotService>());
        services.AddSingleton<ContentService>();
        services.AddSingleton<ContentStructureService>();
        services.AddSingleton<ContentQueryService>();
        services.AddSingleton<ContentSearchService>();
        services.AddSingleton<ContentHistoryService>();
        services.AddSingleton<ContentScheduleService>();
        services.AddSingleton<PreviewSnapshotFactory>();
        services.AddSingleton<Auditing.AuditService>();
        services.AddSingleton<Persistence.CmsDatabase>();
        services.AddSingleton<Schema.SchemaService>();
        services.AddSingleton<IMediaFileStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            var root = Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, options.RootPath);
            return new LocalMediaFileStore(root);
        });
        services.AddSingleton<MediaService>();
        return services;
    }
}
