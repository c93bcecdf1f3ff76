namespace LandQuality.Exports;

/// <summary>An export that was not written, and why, in Vietnamese then English. Nothing of it is left in the folder.</summary>
public sealed class ExportRefusedException(string vi, string en) : Exception($"{vi} — {en}");
