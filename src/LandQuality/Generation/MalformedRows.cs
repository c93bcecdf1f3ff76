namespace LandQuality.Generation;

/// <summary>
/// Structurally broken rows for import demos (--malformed-rows): a bad number, a bad date, an
/// unknown commune, a wrong column count or an unterminated quote. They are spread round-robin over
/// parcels.csv, owners.csv and population.csv and appended at the end of each; a file's last broken
/// row is the unterminated quote once it has three, so the quote swallows nothing but itself.
/// </summary>
internal static class MalformedRows
{
    enum Kind { BadNumber, BadDate, UnknownCommune, WrongColumnCount, UnterminatedQuote }

    static readonly Kind[] ParcelKinds = [Kind.BadNumber, Kind.BadDate, Kind.UnknownCommune, Kind.WrongColumnCount];
    static readonly Kind[] OwnerKinds = [Kind.BadDate, Kind.BadNumber, Kind.WrongColumnCount];
    static readonly Kind[] PopulationKinds = [Kind.BadDate, Kind.WrongColumnCount];

    public static void Append(OutputFiles files, int count, GeneratedCommune commune)
    {
        if (count == 0)
            return;
        var w = new CsvFieldWriter();
        for (var f = 0; f < 3; f++)
        {
            var rows = count / 3 + (f < count % 3 ? 1 : 0);
            w.Clear();
            for (var j = 0; j < rows; j++)
            {
                var kinds = f == 0 ? ParcelKinds : f == 1 ? OwnerKinds : PopulationKinds;
                var kind = j == rows - 1 && rows >= 3 ? Kind.UnterminatedQuote : kinds[j % kinds.Length];
                var line = f switch
                {
                    0 => ParcelRow(kind, commune, j),
                    1 => OwnerRow(kind, commune),
                    _ => PopulationRow(kind, commune, j),
                };
                w.Raw(line);
                w.EndRow();
            }
            (f == 0 ? files.Parcels : f == 1 ? files.Owners : files.Population).Write(w.EncodeUtf8());
        }
    }

    static string ParcelRow(Kind kind, GeneratedCommune commune, int j)
    {
        var code = kind == Kind.UnknownCommune ? "99999" : commune.Code;
        var id = $"{code}-{9_000_000 + j:D7}";
        var area = kind == Kind.BadNumber ? "12O.5" : "120.5";
        var issued = kind == Kind.BadDate ? "2019-13-45" : "2010-05-20";
        var address = kind == Kind.UnterminatedQuote ? $"\"Thôn 1, {commune.Name}" : $"\"Thôn 1, {commune.Name}\"";
        var row = $"{id},{code},1,{9000 + j},{address},{area},120.5,ONT:120.5,AA 999999,CH00001,{issued},,2015-01-01";
        return kind == Kind.WrongColumnCount ? row[..row.LastIndexOf(",CH00001", StringComparison.Ordinal)] : row;
    }

    static string OwnerRow(Kind kind, GeneratedCommune commune)
    {
        var parcel = $"{commune.Code}-0000001";
        return kind switch
        {
            Kind.BadDate => $"{parcel},Nguyễn Văn An,1975-02-30,M,046075000001,",
            Kind.BadNumber => $"{parcel},Nguyễn Văn An,1975-02-03,M,046075000001,0.5.1",
            Kind.WrongColumnCount => $"{parcel},Nguyễn Văn An,1975-02-03,M",
            _ => $"{parcel},\"Nguyễn Văn An,1975-02-03,M,046075000001,",
        };
    }

    static string PopulationRow(Kind kind, GeneratedCommune commune, int j)
    {
        var id = $"0460750{j % 100_000:D5}";
        return kind switch
        {
            Kind.BadDate => $"{id},Trần Thị Bình,31/12/1960,F,\"Thôn 2, {commune.Name}, Thành phố Huế\",alive",
            Kind.WrongColumnCount => $"{id},Trần Thị Bình,1960-12-31,F",
            _ => $"{id},Trần Thị Bình,1960-12-31,F,\"Thôn 2, {commune.Name}, Thành phố Huế,alive",
        };
    }
}
