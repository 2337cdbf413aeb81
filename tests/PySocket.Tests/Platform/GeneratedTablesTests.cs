using System;
using System.IO;
using FluentAssertions;
using PySocket.Tests.Infrastructure;

namespace PySocket.Tests.Platform;

public sealed class GeneratedTablesTests
{
    [PythonFact]
    public void Nameprep_g_cs_is_what_tools_gen_stringprep_py_makes_from_pythons_stringprep()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "tools", "gen_stringprep.py")))
        {
            root = Path.GetDirectoryName(root);
        }

        root.Should().NotBeNull("the tests run inside the repository");
        var output = Path.Combine(Path.GetTempPath(), $"Nameprep.{Guid.NewGuid():N}.g.cs");
        try
        {
            var script = Path.Combine(root!, "tools", "gen_stringprep.py");
            Python.Run($"import runpy, sys; sys.argv = [{Quote(script)}, {Quote(output)}]; runpy.run_path(sys.argv[0], run_name='__main__')",
                TimeSpan.FromSeconds(60));
            File.ReadAllText(output).Should().Be(File.ReadAllText(Path.Combine(root!, "src", "PySocket", "Python", "Idna", "Nameprep.g.cs")));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
