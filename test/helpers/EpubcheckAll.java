// Runs epubcheck on several EPUBs in one JVM (test/helpers/epubcheck.ts):
// most of a check's time is the JVM and epubcheck's schemas starting. Each
// file's messages sit between `== <file>` and `== exit <status>`.
public class EpubcheckAll {
  public static void main(String[] args) {
    System.setErr(System.out);
    for (String f : args) {
      System.out.println("== " + f);
      int status = new com.adobe.epubcheck.tool.EpubChecker().run(new String[] { f, "--quiet" });
      System.out.println("== exit " + status);
    }
  }
}
