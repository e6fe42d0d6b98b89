using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Initiativenberatung.Web.DeliveryApi;

/// <summary>
/// Response and parameter examples of the Content Delivery API document, with values of the seeded site (home page,
/// survey page, infosheet). Keyed on the group name <c>delivery</c> and the operation ids, so the endpoints carry no
/// OpenAPI code of their own.
/// </summary>
internal sealed class DeliveryApiOpenApiExamples : IOpenApiOperationTransformer
{
    public const string GroupName = "delivery";
    public const string HomeId = "5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30";
    public const string SurveyPageId = "8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51";
    public const string InfosheetId = "a8c3e1f0-2b4d-4e6f-8a1c-3d5e7f9b0c12";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.GroupName != GroupName)
        {
            return Task.CompletedTask;
        }

        switch (operation.OperationId)
        {
            case "GetContentItemById":
                Parameter(operation, "id", "Die Id (GUID) des Dokuments.", JsonValue.Create(HomeId));
                Example(operation, "200", HomeExample);
                Example(operation, "404", "application/problem+json", NotFound($"Es gibt kein veröffentlichtes Dokument mit der Id {UnknownId}."));
                break;
            case "GetContentItemByPath":
                Parameter(operation, "path", null, JsonValue.Create("umfrage/"));
                Example(operation, "200", SurveyPageExample);
                Example(operation, "404", "application/problem+json", NotFound("Unter dem Pfad „/gibt-es-nicht/“ gibt es kein veröffentlichtes Dokument."));
                break;
            case "GetContentItems":
                Parameter(operation, "id", "Ids (GUID) der Dokumente: `?id=…&id=…` oder kommagetrennt; unbekannte Ids fehlen in der Antwort.", new JsonArray(HomeId, SurveyPageId));
                Example(operation, "200", "[" + HomeExample + "," + SurveyPageExample + "]");
                break;
            case "GetContent":
                Parameter(operation, "fetch", "`children:`, `ancestors:` oder `descendants:` mit Id oder Pfad.", JsonValue.Create("children:/"));
                Parameter(operation, "filter", "`contentType:alias`, `contentType:!alias`, `name:text`, `createDate>Datum`, `updateDate<Datum` …; mehrfach = alle müssen passen.", new JsonArray("contentType:surveyPage"));
                Parameter(operation, "sort", "`createDate`, `updateDate`, `name`, `sortOrder` oder `level`, jeweils mit `:asc` oder `:desc`.", new JsonArray("sortOrder:asc"));
                Parameter(operation, "skip", "Wie viele Treffer übersprungen werden (Standard 0).", JsonValue.Create("0"));
                Parameter(operation, "take", "Wie viele Treffer höchstens geliefert werden (Standard 10).", JsonValue.Create("10"));
                Example(operation, "200", "{ \"total\": 1, \"items\": [" + SurveyPageExample + "] }");
                Example(operation, "400", "application/problem+json", BadRequest("fetch",
                    "Der Parameter „fetch“ hat den Wert „bogus:x“; möglich sind children:, ancestors: und descendants:, jeweils mit einer Id oder einem Pfad (z. B. children:/)."));
                break;
            case "GetMediaItemById":
                Parameter(operation, "id", "Die Id (GUID) des Mediums.", JsonValue.Create(InfosheetId));
                Example(operation, "200", InfosheetExample);
                Example(operation, "404", "application/problem+json", NotFound($"Es gibt kein Medium mit der Id {UnknownId}."));
                break;
            case "GetMediaItemByPath":
                Parameter(operation, "path", null, JsonValue.Create("downloads/klimaschutz-lokal-staerken/"));
                Example(operation, "200", InfosheetExample);
                Example(operation, "404", "application/problem+json", NotFound("Unter dem Pfad „/downloads/gibt-es-nicht/“ gibt es kein Medium."));
                break;
            case "GetMediaItems":
                Parameter(operation, "id", "Ids (GUID) der Medien: `?id=…&id=…` oder kommagetrennt.", new JsonArray(InfosheetId));
                Example(operation, "200", "[" + InfosheetExample + "]");
                break;
            case "GetMedia":
                Parameter(operation, "fetch", "`children:` mit dem Pfad oder der Id eines Ordners.", JsonValue.Create("children:/downloads/"));
                Parameter(operation, "filter", "`mediaType:alias`, `name:text` …", new JsonArray("mediaType:File"));
                Parameter(operation, "sort", "`createDate`, `updateDate`, `name` oder `sortOrder`, jeweils mit `:asc` oder `:desc`.", new JsonArray("name:asc"));
                Parameter(operation, "skip", "Wie viele Treffer übersprungen werden (Standard 0).", JsonValue.Create("0"));
                Parameter(operation, "take", "Wie viele Treffer höchstens geliefert werden (Standard 10).", JsonValue.Create("10"));
                Example(operation, "200", "{ \"total\": 1, \"items\": [" + InfosheetExample + "] }");
                break;
        }

        Parameter(operation, "expand", "Verknüpfte Elemente ausklappen: `properties[$all]` oder `properties[alias1,alias2]`.", JsonValue.Create("properties[$all]"));
        Parameter(operation, "fields", "Nur diese Eigenschaften liefern: `properties[$all]` oder `properties[alias1,alias2]`.", JsonValue.Create("properties[headline,intro]"));

        // Every operation: the problem answers the group declares (bad expand/fields/Start-Item, unknown id/path, no key).
        Example(operation, "400", "application/problem+json", BadRequest("fields",
            "Der Parameter „fields“ hat nicht die Form properties[$all] oder properties[alias1,alias2] (Wert: „properties[“)."));
        Example(operation, "401", "application/problem+json",
            """{ "title": "Nicht berechtigt", "status": 401, "detail": "Die Vorschau (Preview: true) braucht einen gültigen Api-Key-Header." }""");
        Example(operation, "404", "application/problem+json", NotFound("Die Content Delivery API ist nicht eingeschaltet (Umbraco:CMS:DeliveryApi:Enabled)."));
        Describe(operation, "200", "Die Antwort mit `ETag` (einzelne Elemente auch `Last-Modified`); 304 bei passendem `If-None-Match`.");
        Describe(operation, "400", "Ein Parameter oder Header hat nicht die erwartete Form (`errors` nennt ihn).");
        Describe(operation, "401", "Kein gültiger `Api-Key` (nicht öffentliche API oder Vorschau).");
        Describe(operation, "404", "Unbekannte Id oder unbekannter Pfad, oder die API ist ausgeschaltet.");
        return Task.CompletedTask;
    }

    private const string UnknownId = "0f0e0d0c-0b0a-4908-8706-050403020100";

    private static void Parameter(OpenApiOperation operation, string name, string? description, JsonNode example)
    {
        if (operation.Parameters?.FirstOrDefault(p => p.Name == name && p.In is ParameterLocation.Query or ParameterLocation.Path) is OpenApiParameter parameter)
        {
            if (description is not null)
            {
                parameter.Description = description;
            }

            parameter.Example ??= example;
        }
    }

    private static void Example(OpenApiOperation operation, string status, string json) => Example(operation, status, "application/json", json);

    /// <summary>Sets the example of a declared response (first one wins: specific examples before the generic ones).</summary>
    private static void Example(OpenApiOperation operation, string status, string mediaType, string json)
    {
        if (operation.Responses?.TryGetValue(status, out var response) != true || response is not OpenApiResponse concrete)
        {
            return;
        }

        concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (!concrete.Content.TryGetValue(mediaType, out var media))
        {
            concrete.Content[mediaType] = media = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } };
        }

        media.Example ??= JsonNode.Parse(json);
    }

    private static void Describe(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse concrete
            && (string.IsNullOrEmpty(concrete.Description) || concrete.Description is "OK" or "Bad Request" or "Unauthorized" or "Not Found"))
        {
            concrete.Description = description;
        }
    }

    private static string NotFound(string detail) =>
        new JsonObject { ["title"] = "Nicht gefunden", ["status"] = 404, ["detail"] = detail }.ToJsonString();

    private static string BadRequest(string parameter, string detail) =>
        new JsonObject
        {
            ["title"] = "Ungültige Anfrage",
            ["status"] = 400,
            ["detail"] = detail,
            ["errors"] = new JsonObject { [parameter] = new JsonArray(detail) },
        }.ToJsonString();

    private const string Route = """
        "startItem": { "id": "5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30", "path": "zusammenarbeit-von-kommunen-und-initiativen" }
        """;

    private const string InfosheetExample = """
        {
          "path": "/downloads/klimaschutz-lokal-staerken/",
          "createDate": "2026-11-26T08:00:00",
          "updateDate": "2026-11-26T08:00:00",
          "id": "a8c3e1f0-2b4d-4e6f-8a1c-3d5e7f9b0c12",
          "name": "Klimaschutz lokal stärken",
          "mediaType": "File",
          "url": "/media/a8c3e1f0/klimaschutz-lokal-staerken.pdf",
          "extension": "pdf",
          "width": null,
          "height": null,
          "bytes": 3235,
          "properties": {},
          "focalPoint": null,
          "crops": []
        }
        """;

    private const string SurveyPageExample = """
        {
          "contentType": "surveyPage",
          "name": "Umfrage",
          "createDate": "2026-11-26T08:00:00",
          "updateDate": "2026-11-26T08:00:00",
          "route": { "path": "/umfrage/", 
        """ + Route + """
         },
          "id": "8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b51",
          "properties": {
            "form": { "id": "3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63", "form": null },
            "headline": "Umfrage: Zusammenarbeit mit Initiativen",
            "hideFromNavigation": false,
            "intro": {
              "markup": "<p>Mit dieser Umfrage möchten wir von Mitarbeiterinnen und Mitarbeitern in Kommunalverwaltungen erfahren, wie die Zusammenarbeit mit lokalen Nachhaltigkeitsinitiativen bei Ihnen gelingt und was sie erleichtern würde.</p>",
              "blocks": []
            },
            "metaDescription": "Umfrage für Mitarbeiterinnen und Mitarbeiter in Kommunalverwaltungen zur Zusammenarbeit mit lokalen Nachhaltigkeitsinitiativen."
          },
          "cultures": {}
        }
        """;

    private const string HomeExample = """
        {
          "contentType": "cooperationPage",
          "name": "Zusammenarbeit von Kommunen und Initiativen",
          "createDate": "2026-11-26T08:00:00",
          "updateDate": "2026-11-26T08:00:00",
          "route": { "path": "/", 
        """ + Route + """
         },
          "id": "5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30",
          "properties": {
            "headline": "Zusammenarbeit von Kommunen und Initiativen",
            "hideFromNavigation": false,
            "intro": "Die Initiativenberatung stellt interessierten Kommunen Erfahrungen und Erkenntnisse aus ihrer Arbeit mit Initiativen in NRW zur Verfügung, damit sie nachhaltiges Engagement effektiv in ihre Arbeit integrieren können.",
            "sections": {
              "items": [
                {
                  "content": {
                    "contentType": "quoteBlock",
                    "id": "e1a20b3c-4d5e-4f6a-8b7c-9d0e1f2a3b03",
                    "properties": {
                      "author": "Frank Neweling",
                      "quote": "Mich inspiriert die Zusammenarbeit mit ehrenamtlichen Initiativen. Ich nehme daraus neue Perspektiven für meine Arbeit mit. Hier steckt das Potenzial, gemeinsam Gutes zu entwickeln.",
                      "role": "Umwelt- und Verbraucherschutzamt, Stadt Köln"
                    }
                  },
                  "settings": null
                },
                {
                  "content": {
                    "contentType": "downloadBlock",
                    "id": "e1a20b3c-4d5e-4f6a-8b7c-9d0e1f2a3b05",
                    "properties": {
                      "file": [
                        {
                          "focalPoint": null, "crops": [], "id": "a8c3e1f0-2b4d-4e6f-8a1c-3d5e7f9b0c12", "name": "Klimaschutz lokal stärken",
                          "mediaType": "File", "url": "/media/a8c3e1f0/klimaschutz-lokal-staerken.pdf", "extension": "pdf",
                          "width": null, "height": null, "bytes": 3235, "properties": {}
                        }
                      ],
                      "heading": "Zusammenarbeit mit Initiativen erfolgreich gestalten",
                      "linkLabel": "Infoblatt „Klimaschutz lokal stärken“ herunterladen"
                    }
                  },
                  "settings": null
                },
                {
                  "content": {
                    "contentType": "logosBlock",
                    "id": "e1a20b3c-4d5e-4f6a-8b7c-9d0e1f2a3b07",
                    "properties": {
                      "heading": "Gefördert durch",
                      "logos": [
                        {
                          "focalPoint": null, "crops": [], "id": "c42f9a10-7d3e-4b5a-8c6f-1e2d3c4b5a69", "name": "Logo EU",
                          "mediaType": "umbracoMediaVectorGraphics", "url": "/media/c42f9a10/logo-eu.svg", "extension": "svg",
                          "width": 320, "height": 80, "bytes": 2157, "properties": {}
                        }
                      ]
                    }
                  },
                  "settings": null
                }
              ]
            }
          },
          "cultures": {}
        }
        """;
}
