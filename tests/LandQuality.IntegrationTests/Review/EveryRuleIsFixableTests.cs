using System.Globalization;
using System.Text.Json;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Imports;
using LandQuality.Review.Cases;
using LandQuality.Rules.Runs;
using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Review;

/// <summary>
/// Every error rule of the published rule set can be fixed through review: for each, a parcel that
/// fails only that rule is imported, evaluated and opened as a case, the commune proposes the
/// corrections, the department approves, the police confirm when the workflow routes there, and the
/// case ends verified with the parcel passing every error rule. A new error rule needs one row in
/// <see cref="Table"/>; <see cref="Every_published_error_rule_has_a_row"/> fails until it has one.
/// </summary>
public sealed class EveryRuleIsFixableTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    const string Commune = ReviewScenario.Commune;
    readonly ReviewScenario scenario = new(db);

    /// <summary>
    /// One error rule: how the base parcel (<see cref="Fixture.Base"/>, which passes every error rule)
    /// is broken, the corrections (<c>FIELD=VALUE</c>, as <c>lq review decide --set</c> takes them) that
    /// fix it, and for a rule over two records the second parcel. <paramref name="ThroughSecond"/>: the
    /// fault lies in the second record, so its case carries the corrections (the first parcel's record
    /// is right and clears when the second is re-evaluated with it). <paramref name="With"/>: error rules that
    /// cannot help failing together with this one (an owner the registry lacks is also not in the registry).
    /// </summary>
    public sealed record Row(string Rule, Func<Fixture, Fixture> Defect, Func<Fixture, string[]> Fix,
        Func<Fixture, Fixture>? Second = null, bool ThroughSecond = false, string[]? With = null);

    static readonly Row[] Table =
    [
        new("missing_owner", p => p with { Owners = [] }, p => [$"owners[+]={p.A.AsValue}"]),
        new("missing_id_number", p => p with { Owners = [p.A with { Id = "" }] }, p => [$"owners[1].id_number={p.A.Id}"]),
        new("missing_owner_name", p => p with { AfterImport = $"UPDATE owners SET full_name = ' ' WHERE parcel_id = '{p.Id}'" },
            p => [$"owners[1].full_name={p.A.Name}"]),
        new("missing_certificate_serial", p => p with { Serial = "" }, p => [$"certificate_serial=CS {p.N:D6}"]),
        new("missing_land_use", p => p with { LandUse = "" }, _ => ["land_use=ODT:200"]),
        new("missing_area", p => p with { Area = "" }, _ => ["area_m2=200"]),
        new("missing_parcel_key", p => p with { Sheet = "" }, _ => ["map_sheet=7"]),
        new("malformed_id_number", p => p with { Owners = [p.A with { Id = p.A.Id[..11] }], Registry = [p.A with { Id = p.A.Id[..11] }, p.A] },
            p => [$"owners[1].id_number={p.A.Id}"]),
        new("id_gender_mismatch", p => p with { Owners = [p.A with { Gender = "F" }], Registry = [p.A with { Gender = "F" }, p.A with { Gender = "F", Id = p.Cccd(2, '1', 80) }] },
            p => [$"owners[1].id_number={p.Cccd(2, '1', 80)}"]),
        new("id_birth_year_mismatch", p => p with { Owners = [p.A with { Birth = "1981-02-03" }], Registry = [p.A with { Birth = "1981-02-03" }, p.A with { Birth = "1981-02-03", Id = p.Cccd(2, '0', 81) }] },
            p => [$"owners[1].id_number={p.Cccd(2, '0', 81)}"]),
        new("owner_not_in_registry", p => p with { Owners = [p.A with { Id = p.Cccd(2) }] }, p => [$"owners[1].id_number={p.A.Id}"]),
        new("name_differs_from_registry", p => p with { Owners = [p.A with { Name = "Nguyễn Văn Bình" }], Registry = [p.A with { Name = "Nguyễn Văn Bính" }] },
            _ => ["owners[1].full_name=Nguyễn Văn Bính"]),
        new("birth_date_differs", p => p with { Registry = [p.A with { Birth = "1980-03-02" }] }, _ => ["owners[1].birth_date=1980-03-02"]),
        // The record's ID number is a woman's of the same name and birth date: the owner is replaced by the right person.
        new("gender_differs", p => p with { Owners = [p.A with { Id = p.Cccd(2) }], Registry = [p.A with { Id = p.Cccd(2), Gender = "F" }, p.A] },
            p => [$"owners[1]={p.A.AsValue}"]),
        new("unknown_land_use_code", p => p with { LandUse = "XYZ:200" }, _ => ["land_use=ODT:200"]),
        new("purpose_area_mismatch", p => p with { LandUse = "ODT:150" }, _ => ["land_use=ODT:120;CLN:80"]),
        new("area_mismatch", p => p with { Legal = "150" }, _ => ["legal_area_m2=200"]),
        new("geometry_area_mismatch", p => p with { Wkt = "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))" }, _ => ["geometry_wkt=POLYGON((0 0, 20 0, 20 10, 0 10, 0 0))"]),
        new("owner_shares_invalid", p => p with { Owners = [p.A with { Share = "0.5" }] }, _ => ["owners[1].share=1"]),
        new("future_date", p => p with { Updated = "2099-01-02" }, _ => ["updated_on=2024-01-02"]),
        new("missing_updated_on", p => p with { Updated = "" }, _ => ["updated_on=2024-01-02"]),
        new("stale_record", p => p with { Updated = "2010-05-06" }, _ => ["updated_on=2025-03-04"]),
        // An owner born in 1900 whom the registry does not know: the land record still names a long-dead holder.
        new("implausibly_old_owner", p => p with { Owners = [new Person("Lê Văn Cụ", "1900-05-06", "M", p.Cccd(2, '0', 0))] },
            p => [$"owners[1]={p.A.AsValue}"], With: ["owner_not_in_registry"]),
        new("duplicate_parcel_key", p => p, p => [$"retire_duplicate={p.Id}-B"],
            Second: p => Fixture.Base(p.N + 500) with { Id = $"{p.Id}-B", No = p.No }),
        // Two people under one ID number: the second parcel's owner has someone else's, and gets their own.
        new("id_number_multiple_names", p => p with { Registry = [p.A, p.B] },
            p => [$"owners[1].id_number={p.B.Id}"], Second: p => Fixture.Base(p.N + 500) with { Id = $"{p.Id}-B", Owners = [p.B with { Id = p.A.Id }], Registry = [] },
            ThroughSecond: true),
        // The heirs replace the deceased owner, in one decision.
        new("deceased_owner", p => p with { Registry = [p.A with { Deceased = true }, p.Heir1, p.Heir2] },
            p => ["owners[1]=", $"owners[+]={p.Heir1.AsValue}", $"owners[+]={p.Heir2.AsValue}"]),
    ];

    public static TheoryData<string> Rules() => [.. Table.Select(r => r.Rule)];

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task The_error_rule_is_fixed_through_review(string rule)
    {
        var row = Table.Single(r => r.Rule == rule);
        var main = row.Defect(Fixture.Base(100 + Array.IndexOf(Table, row)));
        var second = row.Second?.Invoke(main);
        await ImportAsync(db, main, second);
        Assert.Equal([.. new[] { rule }.Concat(row.With ?? []).Order(StringComparer.Ordinal)], await FailingErrorRulesAsync(db, main.Id));
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();

        var fixedOne = row.ThroughSecond ? second!.Id : main.Id;
        var submitted = await scenario.ActAsync("xa.19753.1", fixedOne, "submit_corrections", null, [.. row.Fix(main).Select(Change)]);
        Assert.Equal("department", submitted.ToStage);
        var approved = await scenario.ActAsync("so.1", fixedOne, "approve");
        var last = approved.ToStage == "police" ? await scenario.ActAsync("ca.1", fixedOne, "confirm") : approved;

        // The case's status, not the outcome's stage: an evaluation that finds the parcel clean may close its case itself.
        var @case = await scenario.CaseAsync(fixedOne);
        Assert.True(@case.Status == CaseStatus.Verified, $"{rule}: the case is {@case.Status} at {@case.Stage} ({last.AutomaticPending}); still failing: " +
            string.Join(", ", await FailingErrorRulesAsync(db, fixedOne)));
        Assert.Empty(await FailingErrorRulesAsync(db, main.Id));
        if (second is not null && rule != "duplicate_parcel_key")
            Assert.Empty(await FailingErrorRulesAsync(db, second.Id));
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM corrections WHERE parcel_id = '{fixedOne}' AND status <> 'Applied'"));
    }

    [Fact]
    public async Task Every_published_error_rule_has_a_row()
    {
        var published = await new RuleSetStore(db.Database).GetPublishedAsync("default", CancellationToken.None);
        using var json = JsonDocument.Parse(published!.Content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var errorRules = json.RootElement.GetProperty("Rules").EnumerateArray()
            .Where(r => r.TryGetProperty("Properties", out var p) && p.TryGetProperty("severity", out var s) && s.GetString() == "error")
            .Select(r => r.GetProperty("RuleName").GetString()!).ToList();
        Assert.NotEmpty(errorRules);
        var missing = errorRules.Except(Table.Select(r => r.Rule)).ToList();
        Assert.True(missing.Count == 0, $"default v{published.Version}: error rules without a row in {nameof(Table)}: {string.Join(", ", missing)}");
        Assert.Empty(Table.Select(r => r.Rule).Except(errorRules)); // a row for a rule that is gone, or no longer an error
    }

    /// <summary>As the CLI reads <c>--set FIELD=VALUE</c>: an empty value is no value.</summary>
    internal static FieldChange Change(string set) => set.Split('=', 2) is [var field, { Length: > 0 } value] ? new(field, value) : new(set.TrimEnd('='), null);

    /// <summary>Imports the parcels with their owners and registry records, then evaluates each.</summary>
    internal static async Task ImportAsync(TestDatabase db, params Fixture?[] parcels)
    {
        var list = parcels.OfType<Fixture>().ToList();
        using var files = new ImportFixtureFiles()
            .Parcels([.. list.Select(p => p.ParcelRow)])
            .Owners([.. list.SelectMany(p => p.Owners.Select(o => o.OwnerRow(p.Id)))])
            .Population([.. list.SelectMany(p => p.Registry).Select(r => r.RegistryRow).Distinct()]);
        await new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);
        foreach (var p in list.Where(p => p.AfterImport is not null))
            await db.ScalarAsync($"WITH x AS ({p.AfterImport} RETURNING 1) SELECT count(*) FROM x");
        foreach (var p in list)
            await new EvaluationRunner(db.Database).EvaluateParcelAsync(p.Id, new EvaluationRequest("test"), CancellationToken.None);
    }

    /// <summary>The error rules the parcel fails in its latest evaluation.</summary>
    internal static async Task<List<string>> FailingErrorRulesAsync(TestDatabase db, string parcelId)
    {
        await using var cmd = db.Database.DataSource.CreateCommand("""
            SELECT f.rule_name FROM findings f JOIN parcel_status s ON s.parcel_id = f.parcel_id AND s.run_id = f.run_id
            WHERE s.parcel_id = $1 AND f.severity = 'error' AND NOT f.is_rule_error ORDER BY 1
            """);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = parcelId });
        var rules = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            rules.Add(r.GetString(0));
        return rules;
    }

    /// <summary>A person, as an owner of the land record and as the population registry knows them.</summary>
    public sealed record Person(string Name, string Birth, string Gender, string Id, string Share = "", bool Deceased = false)
    {
        public string OwnerRow(string parcelId) => $"{parcelId},{Name},{Birth},{Gender},{Id},{Share}";
        public string RegistryRow => $"{Id},{Name},{Birth},{Gender},Huế,{(Deceased ? "deceased" : "alive")}";
        /// <summary>The person as the value of an <c>owners[+]</c> or <c>owners[N]</c> correction.</summary>
        public string AsValue => $"full_name={Name};birth_date={Birth};gender={Gender};id_number={Id};share={Share}";
    }

    /// <summary>One parcel of commune 19753 in the interchange format; <see cref="Base"/> passes every error rule.</summary>
    public sealed record Fixture(int N, string Id, int No)
    {
        public string Sheet { get; init; } = "7";
        public string Area { get; init; } = "200";
        public string Legal { get; init; } = "200";
        public string LandUse { get; init; } = "ODT:200";
        public string Serial { get; init; } = $"CS {N:D6}";
        public string Wkt { get; init; } = "";
        public string Updated { get; init; } = "2024-01-02";
        public required IReadOnlyList<Person> Owners { get; init; }
        /// <summary>The population registry's records this parcel's story needs (by default its owners as they are).</summary>
        public required IReadOnlyList<Person> Registry { get; init; }
        /// <summary>SQL run after the import, for a defect the import itself would refuse.</summary>
        public string? AfterImport { get; init; }

        /// <summary>A 12-digit CCCD of Huế (046) unique to this fixture: the century-and-gender digit, the birth year's last two digits, then N and k.</summary>
        public string Cccd(int k, char genderDigit = '0', int year = 80) => string.Create(CultureInfo.InvariantCulture, $"046{genderDigit}{year:D2}{N:D4}{k:D2}");

        public Person A => new("Nguyễn Văn An", "1980-02-03", "M", Cccd(1));
        public Person B => new("Trần Văn Bảo", "1980-02-03", "M", Cccd(2));
        public Person Heir1 => new("Nguyễn Thị Hoa", "1985-07-09", "F", Cccd(3, '1', 85), "0.5");
        public Person Heir2 => new("Nguyễn Văn Nam", "1988-01-20", "M", Cccd(4, '0', 88), "0.5");

        public static Fixture Base(int n)
        {
            var p = new Fixture(n, $"FIX-{n}", n) { Owners = [], Registry = [] };
            return p with { Owners = [p.A], Registry = [p.A] };
        }

        public string ParcelRow => string.Create(CultureInfo.InvariantCulture,
            $"{Id},{Commune},{Sheet},{No},\"Thôn {No}, Phường Phú Xuân\",{Area},{Legal},{LandUse},{Serial},CH0{No:D4},2010-05-06,\"{Wkt}\",{Updated}");
    }
}
