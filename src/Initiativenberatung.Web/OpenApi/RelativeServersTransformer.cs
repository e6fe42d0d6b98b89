using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Initiativenberatung.Web.OpenApi;

/// <summary>
/// The generator fills <c>servers</c> from the request's scheme and <c>Host</c> header, so anyone could make the
/// document name another host. The documents list no server instead: clients and the Scalar UI then use the address
/// the document was loaded from (relative paths, as the OpenAPI specification defines for a missing <c>servers</c>).
/// </summary>
internal sealed class RelativeServersTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Servers = [];
        return Task.CompletedTask;
    }
}
