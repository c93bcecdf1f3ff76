namespace LandQuality.Interchange;

/// <summary>Turns a record of owners.csv into an <see cref="OwnerRow"/>, or says which column is wrong and why.</summary>
public sealed class OwnerRowParser(CsvHeader header)
{
    readonly int _parcel = header.IndexOf("parcel_id"), _name = header.IndexOf("full_name"), _birth = header.IndexOf("birth_date"),
        _gender = header.IndexOf("gender"), _id = header.IndexOf("id_number"), _share = header.IndexOf("share");

    public OwnerRow? Parse(CsvRecord record, out RowError? error)
    {
        var f = record.Fields;
        error = null;
        if (f.Count != header.Count)
            return RowError.Reject<OwnerRow>(record, null, $"the row has {f.Count} fields, the header has {header.Count}", out error);
        if (!FieldParsers.TryParcelId(f[_parcel], out var parcelId, out var why))
            return RowError.Reject<OwnerRow>(record, "parcel_id", why!, out error);
        if (FieldParsers.Text(f[_name]) is not { } name)
            return RowError.Reject<OwnerRow>(record, "full_name", "full_name is empty: an owner needs a name", out error);
        if (!FieldParsers.TryBirth(f[_birth], out var birthDate, out var birthYear, out why))
            return RowError.Reject<OwnerRow>(record, "birth_date", $"birth_date {why}", out error);
        if (!FieldParsers.TryGender(f[_gender], out var gender, out why))
            return RowError.Reject<OwnerRow>(record, "gender", $"gender {why}", out error);
        var id = FieldParsers.Text(f[_id]);
        if (id is { Length: > 20 })
            return RowError.Reject<OwnerRow>(record, "id_number", "id_number is longer than 20 characters", out error);
        if (!FieldParsers.TryDecimal(f[_share], out var share, out why))
            return RowError.Reject<OwnerRow>(record, "share", $"share {why}", out error);
        if (share is 0 or > 1)
            return RowError.Reject<OwnerRow>(record, "share", $"share {share} is not a fraction in (0, 1]", out error);
        return new OwnerRow(parcelId, name, birthDate, birthYear, gender, id, share);
    }
}
