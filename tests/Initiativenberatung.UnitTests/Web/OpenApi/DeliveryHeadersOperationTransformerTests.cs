using Initiativenberatung.Web.OpenApi;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Initiativenberatung.UnitTests.Web.OpenApi;

[TestFixture]
public sealed class DeliveryHeadersOperationTransformerTests
{
    private static async Task<OpenApiOperation> TransformAsync(string? groupName, params IOpenApiParameter[] existing)
    {
        var operation = new OpenApiOperation { Parameters = [.. existing] };
        var context = new OpenApiOperationTransformerContext
        {
            DocumentName = groupName ?? "forms",
            Description = new ApiDescription { GroupName = groupName },
            ApplicationServices = new ServiceCollection().BuildServiceProvider(),
        };
        await new DeliveryHeadersOperationTransformer().TransformAsync(operation, context, CancellationToken.None);
        return operation;
    }

    [Test]
    public async Task Documents_the_four_delivery_headers_When_the_operation_belongs_to_the_delivery_group()
    {
        var operation = await TransformAsync(ApiDocumentationRegistration.DeliveryDocument);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(operation.Parameters!.Select(p => p.Name), Is.EqualTo(new[] { "Api-Key", "Preview", "Accept-Language", "Start-Item" }));
            Assert.That(operation.Parameters!.All(p => p.In == ParameterLocation.Header && !p.Required), Is.True);
            Assert.That(operation.Parameters!.Single(p => p.Name == "Preview").Schema!.Type, Is.EqualTo(JsonSchemaType.Boolean));
            Assert.That(operation.Parameters!.All(p => !string.IsNullOrEmpty(p.Description)), Is.True);
        }
    }

    [Test]
    public async Task Keeps_the_endpoint_own_header_When_it_already_declares_one()
    {
        var own = new OpenApiParameter { Name = "preview", In = ParameterLocation.Header, Description = "eigene" };

        var operation = await TransformAsync(ApiDocumentationRegistration.DeliveryDocument, own);

        Assert.That(operation.Parameters!.Count(p => string.Equals(p.Name, "Preview", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(1));
    }

    [TestCase("forms")]
    [TestCase(null)]
    public async Task Adds_nothing_When_the_operation_belongs_to_another_group(string? groupName)
    {
        var operation = await TransformAsync(groupName);

        Assert.That(operation.Parameters, Is.Empty);
    }
}
