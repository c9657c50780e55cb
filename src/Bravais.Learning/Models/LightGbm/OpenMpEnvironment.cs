using System.Runtime.InteropServices;

namespace Bravais.Learning.Models.LightGbm;

/// <summary>
/// Native LightGBM parallelises with OpenMP, whose threads by default spin while waiting at barriers.
/// On a machine with more runnable threads than cores (a shared 2-core box, or LightGBM beside our own
/// parallel loops) the spinning threads steal the cores the working ones need: on this project's 2-core
/// machine under load a 20-round fit took 307 s with spinning and 20 s with passive waiting. We
/// therefore set OMP_WAIT_POLICY=PASSIVE in the process environment (unless the user set it) before the
/// native library loads. .NET's Environment.SetEnvironmentVariable does not reach the C runtime's
/// environment on Unix, so this calls libc's setenv directly. It has no effect if libgomp was already
/// initialised by something else in the process.
/// </summary>
internal static partial class OpenMpEnvironment
{
    private static int _done;

    public static void PreferPassiveWaiting()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        try
        {
            SetEnv("OMP_WAIT_POLICY", "PASSIVE", overwrite: 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not a glibc/musl/libSystem process: keep OpenMP's default.
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
