using LandQuality.Registry;

namespace LandQuality.Interchange;

/// <summary>Turns a record of population.csv into a <see cref="PopulationRow"/>, or says which column is wrong and why.</summary>
public sealed class PopulationRowParser(CsvHeader header)
{
    readonly int _id = header.IndexOf("id_number"), _name = header.IndexOf("full_name"), _birth = header.IndexOf("birth_date"),
        _gender = header.IndexOf("gender"), _address = header.IndexOf("permanent_address"), _status = header.IndexOf("status");

    public PopulationRow? Parse(CsvRecord record, out RowError? error)
    {
        var f = record.Fields;
        error = null;
        if (f.Count != header.Count)
            return RowError.Reject<PopulationRow>(record, null, $"the row has {f.Count} fields, the header has {header.Count}", out error);
        if (FieldParsers.Text(f[_id]) is not { } id)
            return RowError.Reject<PopulationRow>(record, "id_number", "id_number is empty: a registry record is keyed by it", out error);
        if (id.Length > 20)
            return RowError.Reject<PopulationRow>(record, "id_number", "id_number is longer than 20 characters", out error);
        if (FieldParsers.Text(f[_name]) is not { } name)
            return RowError.Reject<PopulationRow>(record, "full_name", "full_name is empty", out error);
        if (!FieldParsers.TryDate(f[_birth], out var birth, out var why))
            return RowError.Reject<PopulationRow>(record, "birth_date", $"birth_date {why}", out error);
        if (!FieldParsers.TryGender(f[_gender], out var gender, out why))
            return RowError.Reject<PopulationRow>(record, "gender", $"gender {why}", out error);
        LifeStatus? status = FieldParsers.Text(f[_status])?.ToUpperInvariant() switch
        {
            "ALIVE" => LifeStatus.Alive,
            "DECEASED" => LifeStatus.Deceased,
            _ => null,
        };
        if (status is null)
            return RowError.Reject<PopulationRow>(record, "status", $"status '{f[_status].Trim()}' is neither alive nor deceased", out error);
        return new PopulationRow(id, name, birth, gender, FieldParsers.Text(f[_address]), status.Value);
    }
}
