using Initiativenberatung.Infrastructure;

namespace Initiativenberatung.Web.Content;

public static class ContentRegistration
{
    /// <summary>The content engine: schema, content, media, published snapshot.</summary>
    public static WebApplicationBuilder AddCmsContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddCmsContentEngine();
        return builder;
    }
}
