namespace LandQuality.Generation;

/// <summary>parcel_id is {commune_code}-{seq:D7}: the commune and the parcel's position in it.</summary>
internal static class ParcelIds
{
    public static void Write(CsvFieldWriter w, GeneratedCommune commune, int seq)
    {
        w.Raw(commune.Code);
        w.Raw('-');
        w.Digits(seq, 7);
    }
}

/// <summary>
/// Writes one parcels.csv row from the plan, drawing the details (land use, areas, certificate,
/// outline, dates) from the chunk's random stream and applying the parcel-level defects.
/// </summary>
internal static class ParcelRowWriter
{
    static readonly DateOnly Placeholder = new(1900, 1, 1);
    static readonly DateOnly FirstUpdate = new(2005, 1, 1);
    static readonly DateOnly LastDate = new(2025, 10, 31);

    // The default rules call a record stale after more than 10 years without an update (stale_record's
    // staleAfterYears). Evaluation counts from the day it runs, not from the data's last day, so both
    // sides keep a margin: an ordinary record was updated in the 5 years before LastDate and stays
    // fresh for evaluations until 2030-10-31; a stale one was last updated before StaleUntil, more
    // than 12 years before LastDate, and is stale on any evaluation day after LastDate.
    static readonly DateOnly FreshFrom = LastDate.AddYears(-5);
    /// <summary>A stale record's last update lies before this day (its certificate too: issuing one updates the record).</summary>
    public static readonly DateOnly StaleUntil = LastDate.AddYears(-12);

    /// <summary>Writes the row; returns the certificate's issue year (owner records depend on it).</summary>
    public static int Write(CsvFieldWriter w, ref SplitMix64 rng, GenerationPlan plan, int parcel, GeneratedCommune commune, PurposeList purposes)
    {
        var defects = plan.Defects[parcel];
        ParcelIds.Write(w, commune, plan.SeqInCommune(parcel));
        w.Comma();
        w.Raw(commune.Code);
        w.Comma();
        w.Integer(plan.MapSheet[parcel]);
        w.Comma();
        w.Integer(plan.ParcelNo[parcel]);
        w.Comma();

        purposes.Draw(ref rng, commune);
        if (defects.Has(DefectKind.LegacyLandUseCode))
            purposes.MakeLegacy(ref rng);
        var area = purposes.TotalTenths;
        if (defects.Has(DefectKind.UnknownLandUseCode))
            purposes.MakeUnknown(ref rng);
        if (defects.Has(DefectKind.PurposeAreaMismatch))
            purposes.SpoilAreas(ref rng);

        Addresses.Instance.WriteParcelAddress(w, ref rng, commune, purposes.Agricultural);
        w.Comma();
        if (!defects.Has(DefectKind.MissingArea))
            w.Tenths(area);
        w.Comma();
        w.Tenths(LegalArea(ref rng, area, defects.Has(DefectKind.AreaMismatch)));
        w.Comma();
        if (!defects.Has(DefectKind.MissingLandUse))
            purposes.Write(w);
        w.Comma();

        var serial = plan.CertificateSerial[parcel];
        var year = CertificateSerials.IssueYear(serial);
        var issued = new DateOnly(year, 1, 1).AddDays(rng.Next(year == LastDate.Year ? LastDate.DayOfYear : DateTime.IsLeapYear(year) ? 366 : 365));
        if (!defects.Has(DefectKind.MissingCertificateSerial))
            CertificateSerials.Write(w, serial);
        w.Comma();
        w.Raw(year < 2014 ? "CH" : "CS"); // book numbers were re-prefixed with the 2014 certificate form
        w.Digits(rng.Next(100_000), 5);
        w.Comma();

        var stale = defects.Has(DefectKind.StaleRecord);
        var (from, to) = stale ? (Later(issued, FirstUpdate), StaleUntil.AddDays(-1)) : (Later(issued, FreshFrom), LastDate);
        var updated = from.AddDays(rng.Next(to.DayNumber - from.DayNumber + 1));
        var placeholderOnIssue = false;
        var placeholderOnUpdate = false;
        if (defects.Has(DefectKind.PlaceholderDate))
            (placeholderOnIssue, placeholderOnUpdate) = rng.Chance(0.5) ? (true, false) : (false, true);
        w.Date(placeholderOnIssue ? Placeholder : issued);
        w.Comma();

        var geometryMismatch = defects.Has(DefectKind.GeometryAreaMismatch);
        if (geometryMismatch || rng.Chance(0.35))
        {
            var factor = geometryMismatch ? 1 + (rng.Chance(0.5) ? 1 : -1) * rng.Between(0.1, 0.35) : 1.0;
            ParcelGeometry.Write(w, ref rng, commune, area / 10.0 * factor);
        }
        w.Comma();
        if (!defects.Has(DefectKind.MissingUpdatedOn))
            w.Date(placeholderOnUpdate ? Placeholder : updated);
        w.EndRow();
        return year;
    }

    static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>The certificate's area: usually the measured one, otherwise within 0.8 %; off by 6–30 % for area_mismatch.</summary>
    static long LegalArea(ref SplitMix64 rng, long area, bool mismatch)
    {
        if (mismatch)
            return (long)Math.Round(area * (1 + (rng.Chance(0.5) ? 1 : -1) * rng.Between(0.06, 0.3)));
        if (rng.Chance(0.6))
            return area;
        return (long)Math.Round(area * (1 + rng.Between(-0.008, 0.008)));
    }
}
