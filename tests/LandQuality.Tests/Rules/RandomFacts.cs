using System.Globalization;
using System.Text;
using LandQuality.People;
using LandQuality.Rules.Facts;

namespace LandQuality.Tests.Rules;

/// <summary>
/// Deterministic pseudo-random parcels mixing every kind of defect the default rules look for,
/// harmless name variants, and nulls in every nullable place — input for the differential test.
/// </summary>
static class RandomFacts
{
    public static readonly DateOnly EvaluatedOn = new(2025, 12, 1);

    static readonly string[] Names = ["Nguyễn Văn An", "Trần Thị Hòa", "Lê Thủy", "Phạm Quốc Khỏe", "Tôn Thất Thuyết", "Hoàng Ân", "Đặng Thị Ngọc Hà", "Võ Minh Quý"];
    static readonly string?[] Codes = ["ONT", "ODT", "LUC", "CLN", "NTS", "LUN", "BHK", "XYZ", "ont", null];
    static readonly string?[] Genders = ["M", "F", "M", "F", null, "m", "Nam"];
    static readonly string[] Provinces = ["046", "046", "001", "079", "000", "099"];
    static readonly string?[] Addresses = ["Thôn 1, xã Phú Vang", "12 Lê Lợi", "-", "N/A", " ", null];
    static readonly string?[] Serials = ["AA 123456", "", null, "CS 000001"];

    public static List<ParcelFacts> Generate(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(i => Parcel(rng, i)).ToList();
    }

    static ParcelFacts Parcel(Random rng, int i)
    {
        decimal? area = Pick(rng, 0.1) ? null : Pick(rng, 0.05) ? 0m : Math.Round((decimal)(rng.NextDouble() * 900 + 40), 1);
        var purposes = Enumerable.Range(0, rng.Next(0, 4))
            .Select(_ => new PurposeFacts(Codes[rng.Next(Codes.Length)], Pick(rng, 0.2) ? null : Math.Round((decimal)(rng.NextDouble() * 300), 1)))
            .ToList();
        if (area is { } a && purposes.Count > 0 && Pick(rng, 0.6))
            purposes[0] = purposes[0] with { AreaM2 = a - purposes.Skip(1).Sum(p => p.AreaM2 ?? 0) };
        var hasCertificate = !Pick(rng, 0.15);
        var owners = Enumerable.Range(1, rng.Next(0, 5)).Select(seq => Owner(rng, seq)).ToList();
        return new ParcelFacts
        {
            ParcelId = string.Create(CultureInfo.InvariantCulture, $"P{i:D6}"),
            CommuneCode = Pick(rng, 0.5) ? "19774" : "19777",
            MapSheet = Pick(rng, 0.05) ? null : rng.Next(1, 60),
            ParcelNo = Pick(rng, 0.05) ? null : rng.Next(1, 900),
            Address = Addresses[rng.Next(Addresses.Length)],
            AreaM2 = area,
            LegalAreaM2 = area is null || Pick(rng, 0.1) ? null : area * (Pick(rng, 0.15) ? 1.2m : 1.004m),
            LandUseTerm = Pick(rng, 0.2) ? null : "Lâu dài",
            LandUseOrigin = Pick(rng, 0.5) ? null : "Nhà nước giao đất có thu tiền sử dụng đất",
            GeometryWkt = Geometry(rng, area),
            UpdatedOn = Date(rng),
            Purposes = purposes,
            PurposeAreaSum = purposes.Any(p => p.AreaM2 is not null) ? purposes.Sum(p => p.AreaM2 ?? 0) : null,
            HasCertificate = hasCertificate,
            CertificateSerial = hasCertificate ? Serials[rng.Next(Serials.Length)] : null,
            CertificateBookNo = hasCertificate && !Pick(rng, 0.1) ? "CH" + rng.Next(1, 99999).ToString("D5", CultureInfo.InvariantCulture) : null,
            CertificateIssuedOn = hasCertificate ? Date(rng) : null,
            Owners = owners,
            DuplicateKeyCount = Pick(rng, 0.05) ? rng.Next(2, 4) : 1,
            EvaluatedOn = EvaluatedOn,
        };
    }

    static OwnerFacts Owner(Random rng, int seq)
    {
        var name = Names[rng.Next(Names.Length)];
        var birthYear = rng.Next(1900, 2006);
        var gender = rng.Next(2) == 0 ? "M" : "F";
        var id = rng.Next(10) switch
        {
            < 6 => PersonalIdNumber.Compose(Provinces[rng.Next(Provinces.Length)], Pick(rng, 0.1) ? Other(gender) : gender,
                Pick(rng, 0.1) ? birthYear + 3 : birthYear, rng.Next(1_000_000)),
            6 => rng.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture),
            7 => Pick(rng, 0.5) ? "12345" : "046A78123456",
            8 => Pick(rng, 0.5) ? "" : null,
            _ => " " + PersonalIdNumber.Compose("046", gender, birthYear, rng.Next(1_000_000)) + " ",
        };
        var birthDate = rng.Next(4) switch
        {
            0 => (DateOnly?)null,
            1 => new DateOnly(1900, 1, 1),
            _ => new DateOnly(birthYear, rng.Next(1, 13), rng.Next(1, 29)),
        };
        var found = !string.IsNullOrWhiteSpace(id) && !Pick(rng, 0.15);
        return new OwnerFacts
        {
            Seq = seq,
            FullName = Pick(rng, 0.05) ? null : Variant(rng, name),
            BirthDate = birthDate,
            BirthYear = Pick(rng, 0.1) ? null : birthDate is { Year: 1900 } && Pick(rng, 0.5) ? 1900 : birthYear,
            Gender = Pick(rng, 0.8) ? gender : Genders[rng.Next(Genders.Length)],
            IdNumber = id,
            Share = Pick(rng, 0.7) ? null : Math.Round((decimal)rng.NextDouble(), 2),
            RegistryFound = found,
            RegistryFullName = found ? (Pick(rng, 0.1) ? Names[rng.Next(Names.Length)] : Pick(rng, 0.05) ? null : name) : null,
            RegistryBirthDate = found && !Pick(rng, 0.1) ? (Pick(rng, 0.1) ? new DateOnly(birthYear + 1, 2, 3) : birthDate ?? new DateOnly(birthYear, 6, 1)) : null,
            RegistryGender = found ? (Pick(rng, 0.1) ? Other(gender) : gender) : null,
            RegistryDeceased = found && Pick(rng, 0.05),
            NamesForIdNumber = string.IsNullOrWhiteSpace(id) ? 0 : Pick(rng, 0.05) ? 2 : 1,
        };
    }

    /// <summary>The name as a land record may hold it: as is, or in another tone style, Unicode form, case or spacing, or stripped of diacritics.</summary>
    static string Variant(Random rng, string name) => rng.Next(12) switch
    {
        0 => name.Replace("Hòa", "Hoà", StringComparison.Ordinal).Replace("Thủy", "Thuỷ", StringComparison.Ordinal).Replace("Khỏe", "Khoẻ", StringComparison.Ordinal),
        1 => name.Normalize(NormalizationForm.FormD),
        2 => name.ToUpperInvariant(),
        3 => "  " + name.Replace(" ", "   ", StringComparison.Ordinal),
        4 => RemoveDiacritics(name),
        5 => "-",
        _ => name,
    };

    static string RemoveDiacritics(string name) =>
        new string(name.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray())
            .Replace('Đ', 'D').Replace('đ', 'd');

    static string? Geometry(Random rng, decimal? area)
    {
        if (Pick(rng, 0.2))
            return null;
        if (Pick(rng, 0.05))
            return "POLYGON ((0 0, 10 0, 10 10))";
        var side = Math.Sqrt((double)(area ?? 100) * (Pick(rng, 0.1) ? 1.3 : 1.0));
        const double x = 500_000, y = 1_800_000; // VN-2000 metres
        return $"POLYGON (({P(x, y)}, {P(x + side, y)}, {P(x + side, y + side)}, {P(x, y + side)}, {P(x, y)}))";

        static string P(double px, double py) => string.Create(CultureInfo.InvariantCulture, $"{px:0.###} {py:0.###}");
    }

    static DateOnly? Date(Random rng) => rng.Next(10) switch
    {
        0 => null,
        1 => new DateOnly(1900, 1, 1),
        2 => EvaluatedOn.AddDays(rng.Next(1, 400)),
        _ => new DateOnly(rng.Next(1994, 2025), rng.Next(1, 13), rng.Next(1, 29)),
    };

    static string Other(string gender) => gender == "M" ? "F" : "M";

    static bool Pick(Random rng, double probability) => rng.NextDouble() < probability;
}
