namespace LandQuality.Generation;

/// <summary>
/// Huế-style addresses (every generated province uses Huế's street and hamlet names, ending in its own name): "25 Lê Lợi", "7 kiệt 12 Lê Lợi" (kiệt is Huế's word for an alley) or
/// "Tổ dân phố 5" in a phường; "Thôn 3" or "Xứ đồng Cồn Bàu, Thôn Đông" in a xã; always followed by
/// the commune, so the field holds commas and is quoted.
/// </summary>
internal sealed class Addresses
{
    static readonly Lazy<Addresses> Shared = new(() => new Addresses());
    public static Addresses Instance => Shared.Value;

    const int StreetsPerWard = 12;

    readonly string[] _streets;
    readonly string[] _hamlets;
    readonly string[] _fields;

    Addresses()
    {
        _streets = [.. EmbeddedData.Lines("streets.txt")];
        var hamlets = new List<string>();
        var fields = new List<string>();
        foreach (var line in EmbeddedData.Lines("villages.txt"))
            (line.StartsWith("field,", StringComparison.Ordinal) ? fields : hamlets).Add(line[(line.IndexOf(',', StringComparison.Ordinal) + 1)..]);
        _hamlets = [.. hamlets];
        _fields = [.. fields];
        foreach (var text in _streets.Concat(_hamlets).Concat(_fields))
            if (text.Contains('"', StringComparison.Ordinal))
                throw new InvalidOperationException($"Address part '{text}' holds a quote; addresses are written pre-quoted.");
    }

    /// <summary>The parcel's location; agricultural parcels lie in fields rather than on streets.</summary>
    public void WriteParcelAddress(CsvFieldWriter w, ref SplitMix64 rng, GeneratedCommune commune, bool agricultural)
    {
        w.Raw('"');
        if (commune.IsWard && !agricultural)
            WriteStreetPart(w, ref rng, commune);
        else if (agricultural && rng.Chance(0.5))
        {
            w.Raw(commune.IsWard ? "Khu vực " : "Xứ đồng ");
            if (commune.IsWard)
                w.Integer(rng.Between(1, 9));
            else
                w.Raw(_fields[rng.Next(_fields.Length)]);
            w.Raw(", ");
            WriteHamlet(w, ref rng, commune);
        }
        else
            WriteHamlet(w, ref rng, commune);
        w.Raw(", ");
        w.Raw(commune.Name);
        w.Raw('"');
    }

    /// <summary>Where a person is registered as living, as the population registry writes it.</summary>
    public void WritePermanentAddress(CsvFieldWriter w, ref SplitMix64 rng, GeneratedCommune commune)
    {
        w.Raw('"');
        if (commune.IsWard)
            WriteStreetPart(w, ref rng, commune);
        else
            WriteHamlet(w, ref rng, commune);
        w.Raw(", ");
        w.Raw(commune.Name);
        w.Raw(", ");
        w.Raw(commune.ProvinceName);
        w.Raw('"');
    }

    void WriteStreetPart(CsvFieldWriter w, ref SplitMix64 rng, GeneratedCommune commune)
    {
        var roll = rng.Next(100);
        if (roll < 12)
        {
            w.Raw("Tổ dân phố ");
            w.Integer(rng.Between(1, 30));
            return;
        }
        if (roll < 55)
        {
            w.Integer(1 + rng.Next(40) * rng.Next(8) + rng.Next(6));
            w.Raw(' ');
        }
        else if (roll < 85)
        {
            w.Integer(rng.Between(1, 60));
            w.Raw(" kiệt ");
            w.Integer(rng.Between(1, 200));
            w.Raw(' ');
        }
        else
        {
            w.Raw("Kiệt ");
            w.Integer(rng.Between(1, 200));
            w.Raw(' ');
        }
        // Each phường has its own stretch of the street list.
        w.Raw(_streets[(commune.Index * 7 + rng.Next(StreetsPerWard)) % _streets.Length]);
    }

    void WriteHamlet(CsvFieldWriter w, ref SplitMix64 rng, GeneratedCommune commune)
    {
        if (commune.IsWard)
        {
            w.Raw("Tổ dân phố ");
            w.Integer(rng.Between(1, 30));
            return;
        }
        w.Raw("Thôn ");
        if (rng.Chance(0.6))
            w.Integer(rng.Between(1, 12));
        else
            w.Raw(_hamlets[(commune.Index * 3 + rng.Next(5)) % _hamlets.Length]);
    }
}
