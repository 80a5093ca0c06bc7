using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Routes;

/// <summary>
/// Single external contacts: POST /contacts (201), GET|PUT|PATCH|DELETE /contacts/{contactId}.
/// PUT replaces every writable field and never creates (404 for an unknown id); DELETE answers 200 with {}.
/// </summary>
internal sealed class ExternalContactRoutes : IRouteFamily
{
    public const string Contacts = "/api/v2/externalcontacts/contacts";
    public const string Contact = "/api/v2/externalcontacts/contacts/{contactId}";

    private readonly ContactService _contacts;
    private readonly ContactPatcher _patcher;

    public ExternalContactRoutes(OrgState org)
    {
        _contacts = new ContactService(org);
        _patcher = new ContactPatcher(org);
    }

    public void Register(Router router)
    {
        router.Map("POST", Contacts, c => ApiResponse.Json(201, _contacts.Create(c.BodyObject()).Json));
        router.Map("GET", Contact, c => ApiResponse.Json(200, _contacts.Get(c.Param("contactId")).Json));
        router.Map("PUT", Contact, c => ApiResponse.Json(200, _contacts.Replace(c.Param("contactId"), c.BodyObject()).Json));
        router.Map("PATCH", Contact, c => ApiResponse.Json(200, _patcher.Patch(c.Param("contactId"), c.BodyObject()).Json));
        router.Map("DELETE", Contact, c =>
        {
            _contacts.Delete(c.Param("contactId"));
            return ApiResponse.Json(200, "{}");
        });
    }
}
