namespace LandQuality.Rules.Facts;

/// <summary>
/// A commune + map sheet + parcel number key packed into one sortable number: the commune's position
/// in a table of communes (20 bits), the sheet (21 bits) and the parcel number (22 bits). Real
/// sheets and parcel numbers are far below those limits; a key that is not (negative, or absurdly
/// large) does not pack, and its caller counts it another way.
/// </summary>
static class SharedKey
{
    const int SheetBits = 21, NoBits = 22, CommuneBits = 20;

    public static long? Pack(int commune, int sheet, int no) =>
        commune is >= 0 and < 1 << CommuneBits && sheet is >= 0 and < 1 << SheetBits && no is >= 0 and < 1 << NoBits
            ? ((long)commune << (SheetBits + NoBits)) | ((long)sheet << NoBits) | (long)no
            : null;

    public static (int Commune, int Sheet, int No) Unpack(long key) =>
        ((int)(key >> (SheetBits + NoBits)), (int)((key >> NoBits) & ((1 << SheetBits) - 1)), (int)(key & ((1 << NoBits) - 1)));
}
