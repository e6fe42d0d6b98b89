using Initiativenberatung.Infrastructure.Usync.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.Infrastructure.Usync;

public static class UsyncServiceCollectionExtensions
{
    /// <summary>The uSync service and its handlers, one per item type (the services they call are registered elsewhere).</summary>
    public static IServiceCollection AddUsyncImport(this IServiceCollection services)
    {
        services.AddSingleton<IUsyncHandler, DataTypeHandler>();
        services.AddSingleton<IUsyncHandler, ContentTypeHandler>();
        services.AddSingleton<IUsyncHandler, MediaTypeHandler>();
        services.AddSingleton<IUsyncHandler, FormHandler>();
        services.AddSingleton<IUsyncHandler, MediaHandler>();
        services.AddSingleton<IUsyncHandler, ContentHandler>();
        services.AddSingleton<UsyncService>();
        return services;
    }
}
