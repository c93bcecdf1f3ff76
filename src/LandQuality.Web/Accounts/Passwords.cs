using LandQuality.Review.Queue;
using Microsoft.AspNetCore.Identity;

namespace LandQuality.Web.Accounts;

/// <summary>Password hashes in ASP.NET Core Identity's format (PBKDF2 with a salt per password, its iteration count inside the hash).</summary>
public static class Passwords
{
    public const int MinLength = 12;

    static readonly PasswordHasher<Reviewer> Hasher = new();

    // Checked against when the user does not exist, so that an unknown name takes as long as a wrong password.
    static readonly string Decoy = Hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));

    public static string Hash(Reviewer reviewer, string password) => Hasher.HashPassword(reviewer, password);

    public static bool Verify(Reviewer? reviewer, string password)
    {
        if (reviewer?.PasswordHash is not { } hash)
        {
            Hasher.VerifyHashedPassword(null!, Decoy, password);
            return false;
        }
        return Hasher.VerifyHashedPassword(reviewer, hash, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>Null when acceptable; otherwise why not, in Vietnamese then English.</summary>
    public static string? Problem(string password) =>
        password.Length < MinLength
            ? $"Mật khẩu phải có ít nhất {MinLength} ký tự. — A password needs at least {MinLength} characters."
            : string.IsNullOrWhiteSpace(password) ? "Mật khẩu không được để trống. — A password cannot be blank." : null;

    /// <summary>A random password for demo accounts: 20 letters and digits, without look-alikes.</summary>
    public static string Random()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(20, alphabet, (span, a) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = a[System.Security.Cryptography.RandomNumberGenerator.GetInt32(a.Length)];
        });
    }
}
