using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static LandQuality.IntegrationTests.Web.RuleSets.RuleEditorApi;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>
/// The rule editor's API on real PostgreSQL: a policy officer builds a rule on the form, tries it, previews its
/// impact and submits; the author cannot approve; a second officer approves, which publishes the next version.
/// </summary>
public sealed class RuleSetsApiTests(WebScenario web) : IClassFixture<WebScenario>
{
    [Fact]
    public async Task A_rule_built_on_the_form_is_tried_previewed_submitted_and_published_by_a_second_officer()
    {
        await EnsureSecondOfficerAsync(web);
        using var author = await web.ApiAsAsync(Author);
        using var second = await web.ApiAsAsync(SecondOfficer);
        var before = await PublishedVersionAsync(author);
        var id = await NewDraftAsync(author);

        var put = await ExpectAsync(HttpStatusCode.OK, author.PutAsJsonAsync($"{DraftPath(id)}/rules/issued_before_owner_born", Rule(IssuedBeforeBirth)));
        Assert.Equal("!(input1.Owners.Any(o => input1.CertificateIssuedOn < o.BirthDate))", put.GetProperty("expression").GetString());
        Assert.Equal("quantified", put.GetProperty("condition").GetProperty("kind").GetString());
        await ExpectAsync(HttpStatusCode.OK, author.PutAsJsonAsync($"{DraftPath(id)}/rules/issued_before_2011", Rule(IssuedBefore2011, parameters: Cutoff)));

        var tried = await ExpectAsync(HttpStatusCode.OK, author.PostAsJsonAsync($"{DraftPath(id)}/try",
            new { rule = "issued_before_2011", commune = Commune, limit = 5 }));
        Assert.Equal(5, tried.GetProperty("parcels").GetInt32());
        var first = tried.GetProperty("results")[0];
        Assert.False(first.GetProperty("passed").GetBoolean());
        Assert.Equal("2010-05-06", first.GetProperty("values").GetProperty("CertificateIssuedOn").GetString());
        var named = await ExpectAsync(HttpStatusCode.OK, author.PostAsJsonAsync($"{DraftPath(id)}/try",
            new { rule = "issued_before_owner_born", parcel_ids = new[] { ParcelId(Commune, 1) } }));
        Assert.True(named.GetProperty("results")[0].GetProperty("passed").GetBoolean());
        Assert.Equal("1980-02-03", named.GetProperty("results")[0].GetProperty("values").GetProperty("owners[1].BirthDate").GetString());

        var preview = await ExpectAsync(HttpStatusCode.OK, author.PostAsync($"{DraftPath(id)}/preview", null));
        var line = preview.GetProperty("per_rule").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "issued_before_2011");
        Assert.Equal((120, 0), (line.GetProperty("newly_failing").GetInt64(), line.GetProperty("newly_passing").GetInt64()));
        Assert.Equal(5, line.GetProperty("newly_failing_examples").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Undefined, preview.GetProperty("per_dimension").ValueKind);
        Assert.Equal(JsonValueKind.Array, preview.GetProperty("per_commune").ValueKind);
        // The new rules are warnings: no parcel's verdict changes, so no case would open or close.
        Assert.Equal((0, 0), (preview.GetProperty("cases_would_open").GetInt64(), preview.GetProperty("cases_would_close").GetInt64()));

        var onlyOther = await ExpectAsync(HttpStatusCode.OK, author.PostAsJsonAsync($"{DraftPath(id)}/preview", new { commune = OtherCommune }));
        Assert.Equal(40, onlyOther.GetProperty("parcels").GetInt64());
        var csv = (await author.GetStringAsync($"{DraftPath(id)}/preview/parcels.csv?commune={OtherCommune}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("parcel_id,commune_code,rule,change", csv[0]);
        Assert.Equal(41, csv.Length);
        Assert.Contains($"\"{ParcelId(OtherCommune, 1)}\",\"{OtherCommune}\",\"issued_before_2011\",newly_failing", csv);

        await ExpectAsync(HttpStatusCode.OK, author.PostAsJsonAsync($"{DraftPath(id)}/submit", new { change_note = "Giấy chứng nhận cấp trước năm sinh" }));
        var own = await ExpectAsync(HttpStatusCode.Forbidden, author.PostAsync($"{DraftPath(id)}/approve", null));
        Assert.Contains("cannot approve", own.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("không được tự duyệt", own.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var approved = await ExpectAsync(HttpStatusCode.OK, second.PostAsync($"{DraftPath(id)}/approve", null));
        Assert.Equal((before + 1, "started"), (approved.GetProperty("version").GetInt32(), approved.GetProperty("reevaluation").GetString()));
        Assert.Equal(before + 1, await PublishedVersionAsync(second));

        var draft = await ExpectAsync(HttpStatusCode.OK, second.GetAsync(DraftPath(id)));
        Assert.Equal(("published", Author, SecondOfficer, before + 1),
            (draft.GetProperty("status").GetString(), draft.GetProperty("submitted_by").GetString(), draft.GetProperty("approved_by").GetString(),
                draft.GetProperty("version").GetInt32()));
        Assert.Equal(["created", "rule_put", "rule_put", "tried", "tried", "previewed", "previewed", "previewed", "submitted", "approved"],
            draft.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray());
        Assert.All(draft.GetProperty("history").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("by").GetString())));

        // Publishing re-evaluates every parcel in the background: a completed run of the new version appears.
        JsonElement run = default;
        for (var i = 0; i < 120 && run.ValueKind == JsonValueKind.Undefined; i++)
        {
            var runs = await ExpectAsync(HttpStatusCode.OK, second.GetAsync("/api/rule-sets/default/evaluations"));
            run = runs.EnumerateArray().FirstOrDefault(r => r.GetProperty("version").GetInt32() == before + 1 && r.GetProperty("status").GetString() == "completed");
            if (run.ValueKind == JsonValueKind.Undefined)
                await Task.Delay(250);
        }
        Assert.Equal(JsonValueKind.Object, run.ValueKind);
        Assert.Equal((SecondOfficer, 120L), (run.GetProperty("started_by").GetString(), run.GetProperty("parcels_evaluated").GetInt64()));

        var diff = await ExpectAsync(HttpStatusCode.OK, second.GetAsync($"/api/rule-sets/default/diff?from={before}&to={before + 1}"));
        var added = diff.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule_name").GetString() == "issued_before_2011");
        Assert.Equal("added", added.GetProperty("change").GetString());
        Assert.Equal("!(input1.CertificateIssuedOn < cutoff)", added.GetProperty("after").GetProperty("expression").GetString());
        Assert.Equal("DateOnly(2011, 1, 1)", added.GetProperty("after").GetProperty("parameters").GetProperty("cutoff").GetString());
    }

    [Fact]
    public async Task Someone_who_changed_the_draft_cannot_approve_it_and_a_submitted_draft_is_not_edited()
    {
        await EnsureSecondOfficerAsync(web);
        using var author = await web.ApiAsAsync(Author);
        using var second = await web.ApiAsAsync(SecondOfficer);
        var id = await NewDraftAsync(author);
        await ExpectAsync(HttpStatusCode.OK, second.PutAsJsonAsync($"{DraftPath(id)}/rules/issued_before_owner_born", Rule(IssuedBeforeBirth)));
        await ExpectAsync(HttpStatusCode.OK, author.PostAsJsonAsync($"{DraftPath(id)}/submit", new { change_note = "thử" }));

        await ExpectAsync(HttpStatusCode.Forbidden, second.PostAsync($"{DraftPath(id)}/approve", null));
        await ExpectAsync(HttpStatusCode.Forbidden, author.PostAsync($"{DraftPath(id)}/approve", null));
        var edit = await ExpectAsync(HttpStatusCode.Conflict, author.DeleteAsync($"{DraftPath(id)}/rules/issued_before_owner_born"));
        Assert.Contains("is submitted", edit.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_officers_approving_at_once_publish_one_version()
    {
        await EnsureSecondOfficerAsync(web);
        if (await web.Accounts.FindAsync("chinhsach.3", CancellationToken.None) is null)
            await web.Accounts.AddAsync("chinhsach.3", null, LandQuality.Review.Queue.Roles.PolicyStaff, "46", Password, CancellationToken.None);
        using var author = await web.ApiAsAsync(Author);
        using var second = await web.ApiAsAsync(SecondOfficer);
        using var third = await web.ApiAsAsync("chinhsach.3");
        var before = await PublishedVersionAsync(author);
        var id = await NewDraftAsync(author);
        await ExpectAsync(HttpStatusCode.OK, author.PutAsJsonAsync($"{DraftPath(id)}/rules/approved_at_once", Rule(IssuedBeforeBirth)));
        await ExpectAsync(HttpStatusCode.OK, author.PostAsJsonAsync($"{DraftPath(id)}/submit", new { change_note = "hai người duyệt cùng lúc" }));

        var answers = await Task.WhenAll(second.PostAsync($"{DraftPath(id)}/approve", null), third.PostAsync($"{DraftPath(id)}/approve", null));

        var bodies = string.Join("\n", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())));
        Assert.True(answers.Select(a => a.StatusCode).Order().SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]), bodies);
        Assert.Equal(before + 1, await PublishedVersionAsync(author));
        foreach (var answer in answers)
            answer.Dispose();
    }

    [Fact]
    public async Task A_change_made_on_an_old_revision_is_refused_not_overwritten()
    {
        await EnsureSecondOfficerAsync(web);
        using var author = await web.ApiAsAsync(Author);
        using var second = await web.ApiAsAsync(SecondOfficer);
        var id = await NewDraftAsync(author);
        using var read = await author.GetAsync(DraftPath(id));
        var seen = read.Headers.ETag!.Tag;
        await ExpectAsync(HttpStatusCode.OK, second.PutAsJsonAsync($"{DraftPath(id)}/rules/second_officers_rule", Rule(IssuedBeforeBirth)));

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"{DraftPath(id)}/rules/authors_rule") { Content = JsonContent.Create(Rule(IssuedBeforeBirth)) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(seen));
        var refused = await ExpectAsync(HttpStatusCode.Conflict, author.SendAsync(stale));

        Assert.Contains("Someone else changed the draft meanwhile", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var again = await author.GetAsync(DraftPath(id));
        using var fresh = new HttpRequestMessage(HttpMethod.Put, $"{DraftPath(id)}/rules/authors_rule") { Content = JsonContent.Create(Rule(IssuedBeforeBirth)) };
        fresh.Headers.IfMatch.Add(again.Headers.ETag!);
        await ExpectAsync(HttpStatusCode.OK, author.SendAsync(fresh));
    }

    [Fact]
    public async Task A_discarded_draft_is_kept_but_no_longer_changes()
    {
        using var author = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(author);

        var discarded = await ExpectAsync(HttpStatusCode.OK, author.DeleteAsync(DraftPath(id)));

        Assert.Equal(("discarded", Author), (discarded.GetProperty("status").GetString(), discarded.GetProperty("updated_by").GetString()));
        await ExpectAsync(HttpStatusCode.Conflict, author.PutAsJsonAsync($"{DraftPath(id)}/rules/late", Rule(IssuedBeforeBirth)));
        await ExpectAsync(HttpStatusCode.Conflict, author.DeleteAsync(DraftPath(id)));
    }

    [Fact]
    public async Task Submitting_needs_a_change_note_and_an_unknown_draft_is_not_found()
    {
        using var author = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(author);

        await ExpectAsync(HttpStatusCode.Conflict, author.PostAsJsonAsync($"{DraftPath(id)}/submit", new { change_note = " " }));
        await ExpectAsync(HttpStatusCode.NotFound, author.GetAsync(DraftPath(999_999)));
        await ExpectAsync(HttpStatusCode.NotFound, author.GetAsync($"/api/rule-sets/other/drafts/{id}"));
        await ExpectAsync(HttpStatusCode.NotFound, author.PostAsJsonAsync("/api/rule-sets/default/drafts", new { from_version = 99 }));
    }

    [Fact]
    public async Task A_rule_is_deleted_from_the_draft()
    {
        using var author = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(author);

        await ExpectAsync(HttpStatusCode.NoContent, author.DeleteAsync($"{DraftPath(id)}/rules/stale_record"));

        var draft = await ExpectAsync(HttpStatusCode.OK, author.GetAsync(DraftPath(id)));
        Assert.DoesNotContain(draft.GetProperty("rules").EnumerateArray(), r => r.GetProperty("name").GetString() == "stale_record");
        await ExpectAsync(HttpStatusCode.NotFound, author.DeleteAsync($"{DraftPath(id)}/rules/stale_record"));

        // Every parcel of the scenario fails only name_differs_from_registry: without it, their cases would close.
        await ExpectAsync(HttpStatusCode.NoContent, author.DeleteAsync($"{DraftPath(id)}/rules/name_differs_from_registry"));
        var preview = await ExpectAsync(HttpStatusCode.OK, author.PostAsJsonAsync($"{DraftPath(id)}/preview", new { commune = OtherProvince }));
        var line = preview.GetProperty("per_rule").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "name_differs_from_registry");
        Assert.Equal(40, line.GetProperty("newly_passing").GetInt64());
        Assert.Equal((0, 40), (preview.GetProperty("cases_would_open").GetInt64(), preview.GetProperty("cases_would_close").GetInt64()));
    }

    [Fact]
    public async Task The_reference_lists_every_field_with_labels_and_every_helper()
    {
        using var author = await web.ApiAsAsync(Author);

        var reference = await ExpectAsync(HttpStatusCode.OK, author.GetAsync("/api/rule-sets/fields"));

        var updated = reference.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "UpdatedOn");
        Assert.Equal(("date", "Ngày cập nhật hồ sơ"), (updated.GetProperty("type").GetString(), updated.GetProperty("label_vi").GetString()));
        Assert.Contains(reference.GetProperty("helpers").EnumerateArray(), h => h.GetProperty("method").GetString() == "SamePerson");
    }
}
