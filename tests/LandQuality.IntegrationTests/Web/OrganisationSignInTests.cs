using System.Net;
using System.Security.Claims;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace LandQuality.IntegrationTests.Web;

/// <summary>
/// OpenID Connect, when configured, sends a person to the organisation's identity provider and maps who the
/// provider says they are to the account of that user name; without configuration it is not offered at all.
/// No provider can run here, so the provider's answer is stood for by its claims.
/// </summary>
public sealed class OrganisationSignInTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly string home = Path.Combine(Path.GetTempPath(), $"lq-oidc-{Guid.NewGuid():N}");

    WebApplicationFactory<LandQuality.Web.Program> Factory(bool configured) => new WebApplicationFactory<LandQuality.Web.Program>().WithWebHostBuilder(b =>
    {
        b.UseSetting("LandQuality:Home", home);
        b.UseSetting("LandQuality:KeysDirectory", Path.Combine(home, "keys"));
        if (configured)
        {
            b.UseSetting("Authentication:Oidc:Authority", "https://idp.example.gov.vn");
            b.UseSetting("Authentication:Oidc:ClientId", "landquality");
        }
        b.ConfigureServices(s =>
        {
            s.AddSingleton(db.Database);
            // The provider's discovery document, which would be fetched from the authority.
            s.PostConfigure<OpenIdConnectOptions>(OrganisationSignIn.Scheme, o =>
            {
                o.Configuration = new OpenIdConnectConfiguration
                {
                    AuthorizationEndpoint = "https://idp.example.gov.vn/authorize", TokenEndpoint = "https://idp.example.gov.vn/token",
                    Issuer = "https://idp.example.gov.vn",
                };
                o.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(o.Configuration);
            });
        });
    });

    [Fact]
    public async Task Configured_it_sends_the_person_to_the_provider_with_the_client_id()
    {
        await using var factory = Factory(configured: true);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/sign-in/oidc");
        var signInPage = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("https://idp.example.gov.vn/authorize?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=landquality", location, StringComparison.Ordinal);
        Assert.Contains("code_challenge=", location, StringComparison.Ordinal);
        Assert.Contains("/sign-in/oidc", signInPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_configured_it_is_not_offered()
    {
        await using var factory = Factory(configured: false);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sign-in/oidc")).StatusCode);
        Assert.DoesNotContain("/sign-in/oidc", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_providers_user_name_maps_to_an_active_account_only()
    {
        var accounts = new AccountStore(db.Database);
        await accounts.AddAsync("oidc.officer", null, "commune_officer", "19753", Passwords.Random(), CancellationToken.None);
        await accounts.AddAsync("oidc.gone", null, "commune_officer", "19753", Passwords.Random(), CancellationToken.None);
        await accounts.DisableAsync("oidc.gone", CancellationToken.None);
        static ClaimsPrincipal Says(string name) => new(new ClaimsIdentity([new Claim("preferred_username", name)], "oidc"));

        var known = await OrganisationSignIn.AccountOfAsync(accounts, Says("oidc.officer"), "preferred_username", CancellationToken.None);
        var disabled = await OrganisationSignIn.AccountOfAsync(accounts, Says("oidc.gone"), "preferred_username", CancellationToken.None);
        var unknown = await OrganisationSignIn.AccountOfAsync(accounts, Says("nobody"), "preferred_username", CancellationToken.None);

        Assert.Equal(("oidc.officer", "commune_officer", "19753"), (known!.UserName, known.Role, known.Jurisdiction));
        Assert.Null(disabled);
        Assert.Null(unknown);
    }
}
