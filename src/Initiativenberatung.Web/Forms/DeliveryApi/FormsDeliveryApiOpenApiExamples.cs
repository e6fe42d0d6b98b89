using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Initiativenberatung.Web.Forms.DeliveryApi;

/// <summary>Request and response examples (the seeded survey) and the auth headers for the forms document.</summary>
internal sealed class FormsDeliveryApiOpenApiExamples : IOpenApiOperationTransformer
{
    private const string SurveyId = "3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        switch (operation.OperationId)
        {
            case FormsDeliveryApiEndpoints.GetDefinitionName:
                Parameter(operation, "id", "The form's id (GUID).", SurveyId);
                Parameter(operation, "contentId", "Id of the page showing the form (accepted for compatibility).", null);
                Parameter(operation, "culture", "ISO culture, e.g. `de-DE` (accepted for compatibility; the site has one culture).", null);
                Example(operation, "200", "application/json", DefinitionExample);
                ResponseHeader(operation, "200", "ETag", "Weak tag of the definition (without `formToken`); send it in `If-None-Match`.");
                ResponseHeader(operation, "200", FormsDeliveryApiEndpoints.FormTokenHeader, "The same fresh \"form shown\" token as `formToken` in the body.");
                Example(operation, "400", "application/problem+json", DefinitionBadRequestExample);
                Example(operation, "404", "application/problem+json", FormNotFoundExample);
                break;
            case FormsDeliveryApiEndpoints.PostEntryName:
                Parameter(operation, "id", "The form's id (GUID).", SurveyId);
                operation.Parameters ??= [];
                operation.Parameters.Add(Header(FormsDeliveryApiEndpoints.ApiKeyHeader, "Server-to-server: the key configured in `Forms:DeliveryApi:ApiKey`."));
                operation.Parameters.Add(Header("RequestVerificationToken", "Browsers: the antiforgery token of the page (sent together with the antiforgery cookie)."));
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "Answers by field alias: a string, or an array of strings for fields with several answers " +
                        "(numbers and booleans are taken as text, null as no answer). Browsers (antiforgery path) also send " +
                        "`formToken` from `GET definitions/{id}` and the honeypot input under `values[honeypotField]` " +
                        "(`__homepage`, empty for people): a non-empty honeypot or an entry sent faster than " +
                        "`Forms:Survey:MinimumFillSeconds` after the definition was fetched gets the normal 202 and is not " +
                        "stored; a missing, forged or expired `formToken` gives 400. A `formToken` is single-use: posted again it gets " +
                        "the normal 202 and nothing more is stored (fetch the definition for the next entry). Callers with a valid `Api-Key` need " +
                        "neither. `contentId`, `culture` and `additionalData` are accepted for compatibility and never stored. " +
                        "Any other property is rejected.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new()
                        {
                            Schema = EntrySchema(),
                            Examples = new Dictionary<string, IOpenApiExample>
                            {
                                ["browser"] = new OpenApiExample
                                {
                                    Summary = "Browser (antiforgery header): with formToken and the empty honeypot",
                                    Value = JsonNode.Parse(BrowserEntryExample),
                                },
                                ["server"] = new OpenApiExample
                                {
                                    Summary = "Server-to-server (Api-Key header): Umbraco Forms' shape",
                                    Value = JsonNode.Parse(EntryExample),
                                },
                            },
                        },
                    },
                };

                Example(operation, "202", "application/json", AcceptedExample);
                Example(operation, "422", "application/problem+json", ValidationExample);
                Example(operation, "400", "application/problem+json", FormTokenMissingExample);
                Example(operation, "404", "application/problem+json", FormNotFoundExample);
                break;
        }

        return Task.CompletedTask;
    }

    private static void Parameter(OpenApiOperation operation, string name, string description, string? example)
    {
        if (operation.Parameters?.FirstOrDefault(p => p.Name == name) is OpenApiParameter parameter)
        {
            parameter.Description = description;
            if (example is not null)
            {
                parameter.Example = JsonValue.Create(example);
            }
        }
    }

    private static OpenApiSchema EntrySchema()
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "values" },
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["values"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Field alias → answer.",
                    AdditionalProperties = new OpenApiSchema
                    {
                        OneOf = [text, new OpenApiSchema { Type = JsonSchemaType.Array, Items = text }],
                    },
                },
                ["formToken"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Description = "Browsers: the `formToken` of `GET definitions/{id}` (signed, time-limited, single-use, no user data). Not needed with `Api-Key`.",
                },
                ["contentId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "Id of the page showing the form (not stored)." },
                ["culture"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "ISO culture, e.g. `de-DE` (not stored)." },
                ["additionalData"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object | JsonSchemaType.Null,
                    AdditionalProperties = text,
                    Description = "Accepted for compatibility with Umbraco Forms; not stored (entries are anonymous).",
                },
            },
        };
    }

    private static void ResponseHeader(OpenApiOperation operation, string status, string name, string description)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse concrete)
        {
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static void Example(OpenApiOperation operation, string status, string mediaType, string json)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue(mediaType, out var media) == true)
        {
            media.Example = JsonNode.Parse(json);
        }
    }

    private const string EntryExample = """
        {
          "values": {
            "gemeindegroesse": "20.000–100.000 Einwohner",
            "initiativen": ["Urbane Gärten", "Reparatur-Cafés"],
            "wasHatGeholfen": "Kurze Wege im Rathaus",
            "einwilligung": "true"
          },
          "contentId": "b4d1e0c2-7f3a-4c5e-9a1b-2d3e4f5a6b7c",
          "culture": "de-DE"
        }
        """;

    private const string BrowserEntryExample = """
        {
          "formToken": "CfDJ8N3q…(from GET definitions/{id})",
          "values": {
            "gemeindegroesse": "20.000–100.000 Einwohner",
            "initiativen": ["Urbane Gärten", "Reparatur-Cafés"],
            "einwilligung": "true",
            "__homepage": ""
          }
        }
        """;

    private const string FormTokenMissingExample = """
        {
          "title": "Die Anfrage konnte nicht gelesen werden",
          "status": 400,
          "detail": "„formToken“ fehlt: Browser senden das Token „formToken“ aus der Formulardefinition (GET definitions/3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63) mit der Antwort zurück.",
          "errors": {
            "formToken": ["„formToken“ fehlt: Browser senden das Token „formToken“ aus der Formulardefinition (GET definitions/3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63) mit der Antwort zurück."]
          }
        }
        """;

    private const string DefinitionBadRequestExample = """
        {
          "title": "Die Anfrage konnte nicht gelesen werden",
          "status": 400,
          "detail": "„culture“ muss ein Sprachcode wie „de-DE“ sein.",
          "errors": { "culture": ["„culture“ muss ein Sprachcode wie „de-DE“ sein."] }
        }
        """;

    private const string FormNotFoundExample = """
        { "title": "Nicht gefunden", "status": 404, "detail": "Das Formular 0f0e0d0c-0b0a-4908-8706-050403020100 gibt es nicht." }
        """;

    private const string AcceptedExample = """
        { "messageOnSubmit": "Vielen Dank für Ihre Teilnahme! Ihre Antworten wurden anonym gespeichert.", "messageOnSubmitIsHtml": false }
        """;

    private const string ValidationExample = """
        {
          "title": "Einige Antworten sind nicht gültig.",
          "status": 422,
          "errors": {
            "gemeindegroesse": ["Bitte beantworten Sie die Frage „Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?“."],
            "wasHatGeholfen": ["„Was hat die Zusammenarbeit erleichtert?“ darf höchstens 4.000 Zeichen lang sein."]
          }
        }
        """;

    private const string DefinitionExample = """
        {
          "id": "3c7e9a14-5b2d-4f8e-a6c1-9d0b2e4f7a63",
          "name": "Umfrage: Zusammenarbeit von Kommunen und Initiativen",
          "indicator": "*",
          "fieldIndicationType": "MarkMandatoryFields",
          "disableDefaultStylesheet": false,
          "hideFieldValidation": false,
          "showValidationSummary": true,
          "submitLabel": "Absenden",
          "nextLabel": "Weiter",
          "previousLabel": "Zurück",
          "messageOnSubmit": "Vielen Dank für Ihre Teilnahme! Ihre Antworten wurden anonym gespeichert.",
          "pages": [
            {
              "caption": "Ihre Kommune und die Initiativen",
              "fieldsets": [
                {
                  "id": "0b7f4c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b",
                  "caption": "",
                  "columns": [
                    {
                      "caption": "",
                      "width": 0,
                      "fields": [
                        {
                          "id": "6589cb09-0550-515b-9605-6e49278fb458",
                          "alias": "gemeindegroesse",
                          "caption": "Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?",
                          "helpText": "",
                          "placeholder": "",
                          "required": true,
                          "requiredErrorMessage": "Bitte beantworten Sie die Frage „Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?“.",
                          "pattern": "",
                          "patternInvalidErrorMessage": "Bitte prüfen Sie Ihre Antwort auf die Frage „Wie viele Einwohnerinnen und Einwohner hat Ihre Kommune?“.",
                          "condition": { "actionType": "Show", "logicType": "All", "rules": [] },
                          "preValues": [
                            { "caption": "unter 20.000 Einwohner", "value": "unter 20.000 Einwohner" },
                            { "caption": "20.000–100.000 Einwohner", "value": "20.000–100.000 Einwohner" }
                          ],
                          "settings": {},
                          "type": { "id": "903df9b0-a78c-11de-9fc1-db7a56d89593", "name": "Single choice" }
                        }
                      ]
                    }
                  ]
                }
              ]
            }
          ],
          "formToken": "CfDJ8N3q…(signed, time-limited; send it back with the entry)",
          "honeypotField": "__homepage"
        }
        """;
}
