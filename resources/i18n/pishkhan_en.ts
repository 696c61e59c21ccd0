<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fa_IR">
<context>
    <name>ActionKinds</name>
    <message>
        <source>متن یادداشت</source>
        <translation>Note text</translation>
    </message>
    <message>
        <source>شناسه درخواست</source>
        <translation>Request ID</translation>
    </message>
    <message>
        <source>کد ملی متقاضی</source>
        <translation>Applicant&apos;s national ID</translation>
    </message>
    <message>
        <source>نام متقاضی</source>
        <translation>Applicant&apos;s name</translation>
    </message>
    <message>
        <source>شماره همراه</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>کد نوسازی</source>
        <translation>Renovation code</translation>
    </message>
    <message>
        <source>شماره وکالت‌نامه</source>
        <translation>Power of attorney number</translation>
    </message>
    <message>
        <source>مشخصات ساختمان</source>
        <translation>Building details</translation>
    </message>
    <message>
        <source>شناسه پیوست</source>
        <translation>Attachment ID</translation>
    </message>
    <message>
        <source>نوع پیوست</source>
        <translation>Attachment type</translation>
    </message>
    <message>
        <source>نام پرونده</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>نوع پرونده</source>
        <translation>File type</translation>
    </message>
    <message>
        <source>محتوای پرونده</source>
        <translation>File content</translation>
    </message>
    <message>
        <source>یادداشت تحویل نوبت</source>
        <translation>Hand-over note</translation>
    </message>
    <message>
        <source>ثبت درخواست پروانه ساختمان</source>
        <translation>Building permit request</translation>
    </message>
    <message>
        <source>درخواست پروانه برای ملک {code}</source>
        <translation>Permit request for parcel {code}</translation>
    </message>
    <message>
        <source>پیوست درخواست پروانه</source>
        <translation>Permit request attachment</translation>
    </message>
    <message>
        <source>پرونده پیوست {file}</source>
        <translation>Attached file {file}</translation>
    </message>
    <message>
        <source>ارسال درخواست پروانه</source>
        <translation>Permit request submission</translation>
    </message>
    <message>
        <source>ارسال درخواست پروانه ملک {code} به شهرداری</source>
        <translation>Submitting the permit request for parcel {code} to the municipality</translation>
    </message>
    <message>
        <source>نوع استعلام</source>
        <translation>Inquiry type</translation>
    </message>
    <message>
        <source>ملک (کد نوسازی یا پلاک ثبتی)</source>
        <translation>Parcel (renovation code or registration plate)</translation>
    </message>
    <message>
        <source>نوع انشعاب</source>
        <translation>Utility</translation>
    </message>
    <message>
        <source>طرفین معامله</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>توضیحات</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>نقش طرف {n}</source>
        <translation>Role of party {n}</translation>
    </message>
    <message>
        <source>نام طرف {n}</source>
        <translation>Name of party {n}</translation>
    </message>
    <message>
        <source>کد ملی یا شناسه ملی طرف {n}</source>
        <translation>National ID or legal-entity ID of party {n}</translation>
    </message>
    <message>
        <source>نوع گواهی</source>
        <translation>Certificate kind</translation>
    </message>
    <message>
        <source>ارسال استعلام</source>
        <translation>Inquiry sent</translation>
    </message>
    <message>
        <source>استعلام ملک {code}</source>
        <translation>Inquiry on parcel {code}</translation>
    </message>
    <message>
        <source>درخواست گواهی</source>
        <translation>Certificate request</translation>
    </message>
    <message>
        <source>درخواست گواهی برای ملک {code}</source>
        <translation>Certificate for parcel {code}</translation>
    </message>
    <message>
        <source>موجودی اولیه صندوق (ریال)</source>
        <translation>Opening float (rials)</translation>
    </message>
    <message>
        <source>نشست صندوق</source>
        <translation>Cash desk session</translation>
    </message>
    <message>
        <source>قبض‌ها</source>
        <translation>Bills</translation>
    </message>
    <message>
        <source>مبلغ کشیده‌شده با کارت‌خوان (ریال)</source>
        <translation>Card terminal amount (rials)</translation>
    </message>
    <message>
        <source>روش پرداخت</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>شماره مرجع تراکنش</source>
        <translation>Reference number (RRN)</translation>
    </message>
    <message>
        <source>شماره پیگیری کارت‌خوان</source>
        <translation>Terminal trace number</translation>
    </message>
    <message>
        <source>شماره کارت (پوشیده)</source>
        <translation>Card number (masked)</translation>
    </message>
    <message>
        <source>نام پرداخت‌کننده</source>
        <translation>Payer&apos;s name</translation>
    </message>
    <message>
        <source>کد ملی پرداخت‌کننده</source>
        <translation>Payer&apos;s national ID</translation>
    </message>
    <message>
        <source>جمع کارتی شمارش‌شده (ریال)</source>
        <translation>Counted card total (rials)</translation>
    </message>
    <message>
        <source>نقد شمارش‌شده (ریال)</source>
        <translation>Counted cash (rials)</translation>
    </message>
    <message>
        <source>تصمیم درباره تراکنش‌های نامعلوم</source>
        <translation>Decisions on transactions in doubt</translation>
    </message>
    <message>
        <source>توضیح</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>باز کردن صندوق</source>
        <translation>Open the cash desk</translation>
    </message>
    <message>
        <source>باز کردن صندوق با موجودی {amount} ریال</source>
        <translation>Open the cash desk with a float of {amount} rials</translation>
    </message>
    <message>
        <source>پرداخت قبض</source>
        <translation>Bill payment</translation>
    </message>
    <message>
        <source>پرداخت قبض {bills}</source>
        <translation>Payment of bill {bills}</translation>
    </message>
    <message>
        <source>ابطال پرداخت</source>
        <translation>Payment void</translation>
    </message>
    <message>
        <source>دلیل ابطال</source>
        <translation>Reason for the void</translation>
    </message>
    <message>
        <source>ابطال پرداخت: {reason}</source>
        <translation>Void of a payment: {reason}</translation>
    </message>
    <message>
        <source>بستن صندوق</source>
        <translation>Close the cash desk</translation>
    </message>
    <message>
        <source>بستن صندوق ({summary})</source>
        <translation>Close the cash desk ({summary})</translation>
    </message>
</context>
<context>
    <name>ApplicantStep</name>
    <message>
        <source>متقاضی</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>متقاضی از میان مالکان</source>
        <translation>Applicant from the owners</translation>
    </message>
    <message>
        <source>نام و نام خانوادگی متقاضی</source>
        <translation>Applicant&apos;s full name</translation>
    </message>
    <message>
        <source>کد ملی متقاضی</source>
        <translation>Applicant&apos;s national ID</translation>
    </message>
    <message>
        <source>شماره همراه</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>شماره وکالت‌نامه</source>
        <translation>Power-of-attorney number</translation>
    </message>
    <message>
        <source>{name} (کد ملی {national_id})</source>
        <translation>{name} (national ID {national_id})</translation>
    </message>
    <message>
        <source>شخص دیگر، با وکالت‌نامه</source>
        <translation>Someone else, with a power of attorney</translation>
    </message>
    <message>
        <source>ابتدا ملک را پیدا کنید تا مالکان آن فهرست شوند.</source>
        <translation>Find the parcel first to list its owners.</translation>
    </message>
    <message>
        <source>متقاضی از مالکان این ملک است؛ وکالت‌نامه لازم نیست.</source>
        <translation>The applicant is an owner of this parcel; no power of attorney is needed.</translation>
    </message>
    <message>
        <source>متقاضی از مالکان این ملک نیست: شماره وکالت‌نامه را بنویسید و تصویر آن را پیوست کنید.</source>
        <translation>The applicant is not an owner of this parcel: write the power-of-attorney number and attach a copy of it.</translation>
    </message>
    <message>
        <source>متقاضی از مالکان این ملک نیست؛ شماره وکالت‌نامه لازم است</source>
        <translation>the applicant is not an owner of this parcel; a power-of-attorney number is needed</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <source>بله</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>خیر</source>
        <translation>no</translation>
    </message>
    <message>
        <source>قیمت منطقه‌ای</source>
        <translation>regional value</translation>
    </message>
    <message>
        <source>منطقه</source>
        <translation>region</translation>
    </message>
    <message>
        <source>ناحیه</source>
        <translation>district</translation>
    </message>
    <message>
        <source>بلوک</source>
        <translation>block</translation>
    </message>
    <message>
        <source>کسری پارکینگ</source>
        <translation>parking shortfall</translation>
    </message>
    <message>
        <source>زیربنای مسکونی (م²)</source>
        <translation>residential floor area (m²)</translation>
    </message>
    <message>
        <source>واحدهای مسکونی</source>
        <translation>residential units</translation>
    </message>
    <message>
        <source>زیربنای تجاری (م²)</source>
        <translation>commercial floor area (m²)</translation>
    </message>
    <message>
        <source>زیربنای اداری (م²)</source>
        <translation>office floor area (m²)</translation>
    </message>
    <message>
        <source>زیربنای صنعتی (م²)</source>
        <translation>industrial floor area (m²)</translation>
    </message>
    <message>
        <source>زیربنای انبار (م²)</source>
        <translation>storage floor area (m²)</translation>
    </message>
    <message>
        <source>کل زیربنا (م²)</source>
        <translation>total floor area (m²)</translation>
    </message>
    <message>
        <source>کل واحدها</source>
        <translation>total units</translation>
    </message>
    <message>
        <source>تعداد طبقات</source>
        <translation>number of floors</translation>
    </message>
    <message>
        <source>ردیف طبقه</source>
        <translation>floor row</translation>
    </message>
    <message>
        <source>نیم‌طبقه</source>
        <translation>mezzanine</translation>
    </message>
    <message>
        <source>کاربری‌ای که انبار به آن خدمت می‌دهد</source>
        <translation>use the storage serves</translation>
    </message>
    <message>
        <source>کسر زیربنا برای هر پارکینگ (م²)</source>
        <translation>area deducted per parking space (m²)</translation>
    </message>
    <message>
        <source>مساحت هر پارکینگ (م²)</source>
        <translation>area of one parking space (m²)</translation>
    </message>
    <message>
        <source>سقف برای هر متر مربع (ریال)</source>
        <translation>cap per m² (rials)</translation>
    </message>
    <message>
        <source>حداقل برای هر متر مربع (ریال)</source>
        <translation>minimum per m² (rials)</translation>
    </message>
    <message>
        <source>نرخ سالانه نوسازی</source>
        <translation>yearly renovation rate</translation>
    </message>
    <message>
        <source>نرخ نقل و انتقال</source>
        <translation>transfer rate</translation>
    </message>
    <message>
        <source>بَر مبنا (م)</source>
        <translation>base frontage (m)</translation>
    </message>
    <message>
        <source>ارتفاع مبنا (م)</source>
        <translation>base height (m)</translation>
    </message>
    <message>
        <source>ردیف جدول</source>
        <translation>table row</translation>
    </message>
    <message>
        <source>گروه کاربری</source>
        <translation>use group</translation>
    </message>
    <message>
        <source>زیرزمین</source>
        <translation>basement</translation>
    </message>
    <message>
        <source>همکف</source>
        <translation>ground floor</translation>
    </message>
    <message>
        <source>طبقه اول</source>
        <translation>first floor</translation>
    </message>
    <message>
        <source>طبقه دوم</source>
        <translation>second floor</translation>
    </message>
    <message>
        <source>طبقه سوم و بالاتر</source>
        <translation>third floor and above</translation>
    </message>
    <message>
        <source>انبار</source>
        <translation>storage</translation>
    </message>
    <message>
        <source>مسکونی</source>
        <translation>residential</translation>
    </message>
    <message>
        <source>تجاری</source>
        <translation>commercial</translation>
    </message>
    <message>
        <source>اداری</source>
        <translation>office</translation>
    </message>
    <message>
        <source>صنعتی</source>
        <translation>industrial</translation>
    </message>
    <message>
        <source>مسکونی تک‌واحدی</source>
        <translation>residential, single unit</translation>
    </message>
    <message>
        <source>مسکونی چندواحدی</source>
        <translation>residential, several units</translation>
    </message>
    <message>
        <source>اداری یا صنعتی</source>
        <translation>office or industrial</translation>
    </message>
    <message>
        <source>کد</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>شرح</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>طبقه</source>
        <translation>Floor</translation>
    </message>
    <message>
        <source>مبلغ (ریال)</source>
        <translation>Amount (rials)</translation>
    </message>
    <message>
        <source>ردیفی را برگزینید تا روش محاسبه آن نمایش داده شود.</source>
        <translation>Select a line to see how it was computed.</translation>
    </message>
    <message>
        <source>فرمول:</source>
        <translation>Formula:</translation>
    </message>
    <message>
        <source>ورودی‌ها:</source>
        <translation>Inputs:</translation>
    </message>
    <message>
        <source>مقادیر میانی:</source>
        <translation>Intermediate values:</translation>
    </message>
    <message>
        <source>مبلغ پایه: {value} ریال</source>
        <translation>Base amount: {value} rials</translation>
    </message>
    <message>
        <source>حداقل: {value} ریال</source>
        <translation>Minimum: {value} rials</translation>
    </message>
    <message>
        <source>حداقل: {value} ریال — اعمال شد</source>
        <translation>Minimum: {value} rials — applied</translation>
    </message>
    <message>
        <source>سقف: {value} ریال — اعمال شد</source>
        <translation>Cap: {value} rials — applied</translation>
    </message>
    <message>
        <source>سقف: {value} ریال</source>
        <translation>Cap: {value} rials</translation>
    </message>
    <message>
        <source>تخفیف: {percent}٪ — {reason}</source>
        <translation>Discount: {percent}% — {reason}</translation>
    </message>
    <message>
        <source>{rule}: {before} ← {after} ریال</source>
        <translation>{rule}: {before} → {after} rials</translation>
    </message>
    <message>
        <source>مبنای قانونی: {legal}</source>
        <translation>Legal basis: {legal}</translation>
    </message>
    <message>
        <source>توضیح: {notes}</source>
        <translation>Note: {notes}</translation>
    </message>
    <message>
        <source>گرد کردن {mode} به مضرب {unit} ریال</source>
        <translation>rounded {mode} to a multiple of {unit} rials</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <source>پرونده «{name}» پیدا نشد.</source>
        <translation>The file “{name}” was not found.</translation>
    </message>
    <message>
        <source>پرونده «{name}» خوانده نشد (اجازه دسترسی نیست یا دیسک خطا دارد).</source>
        <translation>The file “{name}” could not be read (no permission, or a disk error).</translation>
    </message>
    <message>
        <source>«{name}» یک پرونده معمولی نیست ({what})؛ فقط پرونده PDF، JPEG یا PNG پیوست می‌شود.</source>
        <translation>“{name}” is not an ordinary file ({what}); only PDF, JPEG or PNG files can be attached.</translation>
    </message>
    <message>
        <source>پرونده «{name}» خالی است؛ پذیرفته نمی‌شود.</source>
        <translation>The file “{name}” is empty; it is not accepted.</translation>
    </message>
    <message>
        <source>پرونده «{name}» {size} مگابایت است؛ بیشترین اندازه مجاز {limit} مگابایت است.</source>
        <translation>The file “{name}” is {size} MB; the largest allowed is {limit} MB.</translation>
    </message>
    <message>
        <source>پرونده «{name}» {what} است، نه {claimed}؛ پذیرفته نمی‌شود.</source>
        <translation>The file “{name}” is {what}, not a {claimed}; it is not accepted.</translation>
    </message>
    <message>
        <source>پرونده «{name}» {what} است؛ فقط PDF، JPEG یا PNG پذیرفته می‌شود.</source>
        <translation>The file “{name}” is {what}; only PDF, JPEG or PNG is accepted.</translation>
    </message>
    <message>
        <source>پرونده PDF «{name}» کد یا پرونده اجرایی درون خود دارد ({marker})؛ برای امنیت پذیرفته نمی‌شود. از سند چاپ یا اسکن تازه بگیرید.</source>
        <translation>The PDF “{name}” contains code or an embedded file ({marker}); for safety it is not accepted. Print or scan the document afresh.</translation>
    </message>
    <message>
        <source>پرونده «{name}» پس از پیوست‌شدن تغییر کرده است؛ آن را دوباره پیوست کنید.</source>
        <translation>The file “{name}” has changed since it was attached; attach it again.</translation>
    </message>
    <message>
        <source>پرونده «{name}» نه PDF است، نه JPEG و نه PNG؛ پذیرفته نمی‌شود.</source>
        <translation>The file “{name}” is not a PDF, JPEG or PNG; it is not accepted.</translation>
    </message>
    <message>
        <source>یک پوشه است</source>
        <translation>it is a folder</translation>
    </message>
    <message>
        <source>یک دستگاه سیستم است</source>
        <translation>it is a system device</translation>
    </message>
    <message>
        <source>یک کانال ارتباطی سیستم است</source>
        <translation>it is a system pipe or socket</translation>
    </message>
    <message>
        <source>نوع آن ناشناخته است</source>
        <translation>of an unknown kind</translation>
    </message>
    <message>
        <source>یک برنامهٔ اجرایی لینوکس (ELF)</source>
        <translation>a Linux program (ELF)</translation>
    </message>
    <message>
        <source>یک برنامهٔ اجرایی ویندوز (EXE/DLL)</source>
        <translation>a Windows program (EXE/DLL)</translation>
    </message>
    <message>
        <source>یک برنامهٔ اجرایی مک (Mach-O)</source>
        <translation>a Mac program (Mach-O)</translation>
    </message>
    <message>
        <source>یک برنامهٔ اجرایی (Java یا Mach-O)</source>
        <translation>a program (Java or Mach-O)</translation>
    </message>
    <message>
        <source>یک اسکریپت اجرایی</source>
        <translation>an executable script</translation>
    </message>
    <message>
        <source>یک بایگانی ZIP (شاید برنامهٔ JAR)</source>
        <translation>a ZIP archive (perhaps a JAR program)</translation>
    </message>
</context>
<context>
    <name>AttachmentsStep</name>
    <message>
        <source>پیوست‌ها</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>سند مالکیت، کارت ملی و نقشه‌ها را پیوست کنید: {types}، هر کدام تا ۱۰ مگابایت.</source>
        <translation>Attach the deed, the ID card and the plans: {types}, each up to 10 MB.</translation>
    </message>
    <message>
        <source>نوع پیوست</source>
        <translation>Attachment type</translation>
    </message>
    <message>
        <source>قالب</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>اندازه</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>نام فایل</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>حذف پیوست</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <source>پیوست {kind}</source>
        <translation>Attach {kind}</translation>
    </message>
    <message>
        <source>سند یا تصویر (*.pdf *.jpg *.jpeg *.png *.PDF *.JPG *.JPEG *.PNG)</source>
        <translation>Document or image (*.pdf *.jpg *.jpeg *.png *.PDF *.JPG *.JPEG *.PNG)</translation>
    </message>
    <message>
        <source>همه فایل‌ها (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>در حال بررسی فایل {name}…</source>
        <translation>Checking file {name}…</translation>
    </message>
    <message>
        <source>فایل {name} پیوست شد.</source>
        <translation>File {name} attached.</translation>
    </message>
    <message>
        <source>پیوست {name} حذف شد.</source>
        <translation>Attachment {name} removed.</translation>
    </message>
    <message>
        <source>این پیوست‌ها دیگر روی این رایانه نیست و باید دوباره پیوست شود: {names}</source>
        <translation>These attachments are no longer on this computer and must be attached again: {names}</translation>
    </message>
    <message>
        <source>هنوز پیوست نشده: {names}</source>
        <translation>Not attached yet: {names}</translation>
    </message>
    <message>
        <source>همه پیوست‌های لازم آماده است.</source>
        <translation>Every required attachment is ready.</translation>
    </message>
</context>
<context>
    <name>BillLookup</name>
    <message>
        <source>شناسه قبض یا بارکد</source>
        <translation>Bill ID or barcode</translation>
    </message>
    <message>
        <source>شناسه پرداخت</source>
        <translation>Payment ID</translation>
    </message>
    <message>
        <source>کد ملی یا کد نوسازی</source>
        <translation>National ID or renovation code</translation>
    </message>
    <message>
        <source>جستجوی قبض</source>
        <translation>Find bills</translation>
    </message>
    <message>
        <source>پاک کردن فهرست</source>
        <translation>Clear the list</translation>
    </message>
    <message>
        <source>شناسه قبض:</source>
        <translation>Bill ID:</translation>
    </message>
    <message>
        <source>شناسه پرداخت:</source>
        <translation>Payment ID:</translation>
    </message>
    <message>
        <source>یا کد ملی / کد نوسازی:</source>
        <translation>or national ID / renovation code:</translation>
    </message>
    <message>
        <source>کد ملی یا کد نوسازی: لازم است</source>
        <translation>National ID or renovation code: required</translation>
    </message>
    <message>
        <source>کد ملی: {reason}</source>
        <translation>National ID: {reason}</translation>
    </message>
    <message>
        <source>شناسه قبض</source>
        <translation>Bill ID</translation>
    </message>
    <message>
        <source>بارکد قبض</source>
        <translation>Bill barcode</translation>
    </message>
    <message>
        <source>{label}: {reason}</source>
        <translation>{label}: {reason}</translation>
    </message>
</context>
<context>
    <name>BillsModel</name>
    <message>
        <source>پرداخت</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>شرح</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>دوره</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>شناسه قبض</source>
        <translation>Bill ID</translation>
    </message>
    <message>
        <source>شناسه پرداخت</source>
        <translation>Payment ID</translation>
    </message>
    <message>
        <source>پرداخت‌کننده</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>مبلغ (ریال)</source>
        <translation>Amount (rials)</translation>
    </message>
    <message>
        <source>وضعیت</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>پرداخت‌شده</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>پرداخت‌نشده</source>
        <translation>Unpaid</translation>
    </message>
</context>
<context>
    <name>BuildingStep</name>
    <message>
        <source>ساختمان</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>پارکینگ تأمین‌شده</source>
        <translation>Parking provided</translation>
    </message>
    <message>
        <source>پارکینگ موردنیاز</source>
        <translation>Parking required</translation>
    </message>
    <message>
        <source>بالکن و پیش‌آمدگی (م²)</source>
        <translation>Balconies and projections (m²)</translation>
    </message>
    <message>
        <source>طبقات</source>
        <translation>Floors</translation>
    </message>
    <message>
        <source>افزودن طبقه</source>
        <translation>Add floor</translation>
    </message>
    <message>
        <source>حذف طبقه</source>
        <translation>Remove floor</translation>
    </message>
    <message>
        <source>دست‌کم یک طبقه لازم است</source>
        <translation>at least one floor is needed</translation>
    </message>
    <message>
        <source>لازم است</source>
        <translation>is required</translation>
    </message>
    <message>
        <source>همان طبقه ردیف {first} است؛ هر طبقه یک ردیف دارد</source>
        <translation>is the same floor as row {first}; each floor has one row</translation>
    </message>
    <message>
        <source>طبقات مسکونی دست‌کم یک واحد لازم دارند</source>
        <translation>residential floors need at least one unit</translation>
    </message>
    <message>
        <source>برای پیش‌نمایش عوارض، ابتدا ملک را پیدا کنید.</source>
        <translation>Find the parcel first to preview the fees.</translation>
    </message>
    <message>
        <source>برای پیش‌نمایش عوارض، «{field}» را کامل کنید.</source>
        <translation>Complete “{field}” to preview the fees.</translation>
    </message>
    <message>
        <source>{column} در ردیف {row} طبقات</source>
        <translation>{column} in floor row {row}</translation>
    </message>
    <message>
        <source>ردیف {row} طبقات</source>
        <translation>floor row {row}</translation>
    </message>
</context>
<context>
    <name>Card</name>
    <message>
        <source>نشان پیشخوان شهرداری</source>
        <translation>Pishkhan Desk emblem</translation>
    </message>
</context>
<context>
    <name>CashierBills</name>
    <message>
        <source>عوارض نوسازی</source>
        <translation>Renovation fee</translation>
    </message>
    <message>
        <source>عوارض پسماند</source>
        <translation>Waste fee</translation>
    </message>
    <message>
        <source>عوارض صنفی</source>
        <translation>Business fee</translation>
    </message>
    <message>
        <source>عوارض پروانه ساختمانی</source>
        <translation>Building permit fees</translation>
    </message>
</context>
<context>
    <name>CashierPage</name>
    <message>
        <source>صندوق باز نشد: {reason}</source>
        <translation>The cash desk was not opened: {reason}</translation>
    </message>
    <message>
        <source>شهرداری پرداخت را تأیید کرد. شماره رسید: {number}</source>
        <translation>The municipality confirmed the payment. Receipt number: {number}</translation>
    </message>
    <message>
        <source>شهرداری پرداخت را نپذیرفت و وجهی ثبت نشد: {reason}</source>
        <translation>The municipality refused the payment and nothing was recorded: {reason}</translation>
    </message>
    <message>
        <source>در حال چاپ رسید…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <source>المثنی رسید {number} روی چاپگر {printer} چاپ شد.</source>
        <translation>A duplicate of receipt {number} was printed on {printer}.</translation>
    </message>
    <message>
        <source>رسید {number} روی چاپگر {printer} چاپ شد.</source>
        <translation>Receipt {number} was printed on {printer}.</translation>
    </message>
    <message>
        <source>رسید چاپ نشد: {reason}</source>
        <translation>The receipt was not printed: {reason}</translation>
    </message>
    <message>
        <source>ابطال رسید {number} در انتظار تأیید شهرداری است.</source>
        <translation>The void of receipt {number} is awaiting the municipality&apos;s confirmation.</translation>
    </message>
    <message>
        <source>رسید {number} باطل شد.</source>
        <translation>Receipt {number} was voided.</translation>
    </message>
    <message>
        <source>شهرداری ابطال را نپذیرفت: {reason}</source>
        <translation>The municipality refused the void: {reason}</translation>
    </message>
    <message>
        <source>صندوق</source>
        <translation>Cash desk</translation>
    </message>
    <message>
        <source>پرداخت بعدی</source>
        <translation>Next payment</translation>
    </message>
    <message>
        <source>قبضی با این مشخصات پیدا نشد.</source>
        <translation>No bill was found for this.</translation>
    </message>
    <message>
        <source>این قبض‌ها پیش‌تر پرداخت شده‌اند.</source>
        <translation>These bills have already been paid.</translation>
    </message>
    <message>
        <source>شناسه قبض</source>
        <translation>Bill ID</translation>
    </message>
    <message>
        <source>شناسه پرداخت</source>
        <translation>Payment ID</translation>
    </message>
    <message>
        <source>کد ملی یا کد نوسازی</source>
        <translation>National ID or renovation code</translation>
    </message>
    <message>
        <source>صندوق باز نیست؛ ابتدا صندوق را باز کنید.</source>
        <translation>The cash desk is not open; open it first.</translation>
    </message>
    <message>
        <source>{waiting}: پرداخت روی این رایانه ثبت شد و به شهرداری فرستاده می‌شود؛ تا پاسخ شهرداری، رسیدی صادر نشده است.</source>
        <translation>{waiting}: the payment is recorded on this computer and is being sent to the municipality; no receipt is issued until the municipality answers.</translation>
    </message>
    <message>
        <source>پرداخت ثبت نشد: {reason}</source>
        <translation>The payment was not recorded: {reason}</translation>
    </message>
</context>
<context>
    <name>CashierPayForm</name>
    <message>
        <source>باید {count} رقم باشد</source>
        <translation>must have {count} digits</translation>
    </message>
    <message>
        <source>باید ۱۶ نویسه باشد: شش رقم اول، ستاره‌ها و چهار رقم آخر</source>
        <translation>must have 16 characters: the first six digits, asterisks and the last four digits</translation>
    </message>
</context>
<context>
    <name>CashierPayments</name>
    <message>
        <source>در انتظار تأیید شهرداری</source>
        <translation>Awaiting the municipality&apos;s confirmation</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>خطای پیش‌بینی‌نشده</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>خطای پیش‌بینی‌نشده‌ای در برنامه رخ داد و جزئیات آن در گزارش برنامه ثبت شد. کار را ادامه دهید؛ اگر دوباره رخ داد، جزئیات را رونوشت کنید و برای پشتیبانی بفرستید.</source>
        <translation>An unexpected error occurred and its details were written to the application log. Carry on with your work; if it happens again, copy the details and send them to support.</translation>
    </message>
    <message>
        <source>رونوشت جزئیات</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>بستن</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>رونوشت شد</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>DayClose</name>
    <message>
        <source>مطابق</source>
        <translation>Matched</translation>
    </message>
    <message>
        <source>در سامانه شهرداری نیست</source>
        <translation>Missing on the server</translation>
    </message>
    <message>
        <source>در صندوق ثبت نشده</source>
        <translation>Unknown to this desk</translation>
    </message>
    <message>
        <source>نتیجه نامعلوم</source>
        <translation>In doubt</translation>
    </message>
    <message>
        <source>پرداخت‌شده</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>باطل‌شده</source>
        <translation>Voided</translation>
    </message>
</context>
<context>
    <name>DayClosePage</name>
    <message>
        <source>بستن صندوق</source>
        <translation>Close the cash desk</translation>
    </message>
    <message>
        <source>تطبیق دوباره</source>
        <translation>Reconcile again</translation>
    </message>
    <message>
        <source>تصمیم درباره تراکنش‌های نامعلوم</source>
        <translation>Decisions on transactions in doubt</translation>
    </message>
    <message>
        <source>جمع کارتی شمارش‌شده (ریال)</source>
        <translation>Counted card total (rials)</translation>
    </message>
    <message>
        <source>نقد شمارش‌شده (ریال)</source>
        <translation>Counted cash (rials)</translation>
    </message>
    <message>
        <source>میان‌بر: Ctrl+Enter</source>
        <translation>Shortcut: Ctrl+Enter</translation>
    </message>
    <message>
        <source>چاپ گزارش</source>
        <translation>Print the report</translation>
    </message>
    <message>
        <source>میان‌بر: Ctrl+P</source>
        <translation>Shortcut: Ctrl+P</translation>
    </message>
    <message>
        <source>جمع کارتی شمارش‌شده (ریال):</source>
        <translation>Counted card total (rials):</translation>
    </message>
    <message>
        <source>نقد شمارش‌شده (ریال):</source>
        <translation>Counted cash (rials):</translation>
    </message>
    <message>
        <source>توضیح:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>در حال چاپ گزارش…</source>
        <translation>Printing the report…</translation>
    </message>
    <message>
        <source>در حال خواندن صندوق و فهرست روز از سامانه…</source>
        <translation>Reading the cash desk and the day&apos;s list from the municipality…</translation>
    </message>
    <message>
        <source>صندوق بازی برای بستن نیست.</source>
        <translation>There is no open cash desk to close.</translation>
    </message>
    <message>
        <source>نشست صندوق {id}، روز کاری {day}، موجودی اولیه {amount} ریال</source>
        <translation>Cash desk session {id}, business day {day}, opening float {amount} rials</translation>
    </message>
    <message>
        <source>مطابق: {matched}؛ در سامانه نیست: {missing}؛ در صندوق ثبت نشده: {unknown}؛ نامعلوم: {doubt}. جمع پرداخت‌ها در صندوق {counter} ریال و در سامانه {server} ریال.</source>
        <translation>Matched: {matched}; missing on the server: {missing}; unknown to this desk: {unknown}; in doubt: {doubt}. Payments total {counter} rials at this desk and {server} rials at the municipality.</translation>
    </message>
    <message>
        <source>اختلاف دو جمع، ریال به ریال، همان مغایرت‌ها و نامعلوم‌های فهرست است.</source>
        <translation>The difference between the two totals is, to the rial, the mismatches and transactions in doubt listed.</translation>
    </message>
    <message>
        <source>اختلاف دو جمع با تراکنش‌های فهرست توضیح داده نمی‌شود؛ با شهرداری تماس بگیرید.</source>
        <translation>The listed transactions do not explain the difference between the two totals; contact the municipality.</translation>
    </message>
    <message>
        <source>هنوز هر دو طرف خوانده نشده‌اند؛ کمی صبر کنید.</source>
        <translation>Both sides have not been read yet; wait a moment.</translation>
    </message>
    <message>
        <source>تا تراکنشی نامعلوم است، صندوق بسته نمی‌شود مگر با تصمیم و دلیل: {problem}</source>
        <translation>While a transaction is in doubt, the desk closes only with a decision and a reason: {problem}</translation>
    </message>
    <message>
        <source>بستن صندوق در انتظار تأیید شهرداری است…</source>
        <translation>Closing the cash desk is awaiting the municipality&apos;s confirmation…</translation>
    </message>
    <message>
        <source>بستن صندوق ثبت نشد: {reason}</source>
        <translation>Closing the cash desk was not recorded: {reason}</translation>
    </message>
    <message>
        <source>شهرداری بستن صندوق را نپذیرفت: {reason}</source>
        <translation>The municipality refused to close the cash desk: {reason}</translation>
    </message>
    <message>
        <source>صندوق بسته شد. گزارش روز چاپ می‌شود…</source>
        <translation>The cash desk is closed. Printing the day&apos;s report…</translation>
    </message>
    <message>
        <source>گزارش بستن صندوق روی چاپگر {printer} چاپ و بایگانی شد.</source>
        <translation>The day-close report was printed on {printer} and archived.</translation>
    </message>
    <message>
        <source>گزارش چاپ نشد: {reason}</source>
        <translation>The report was not printed: {reason}</translation>
    </message>
</context>
<context>
    <name>DecisionsPanel</name>
    <message>
        <source>— تصمیم را انتخاب کنید —</source>
        <translation>— choose a decision —</translation>
    </message>
    <message>
        <source>انجام‌شده: وجه از کارت کسر شد</source>
        <translation>Completed: the card was charged</translation>
    </message>
    <message>
        <source>انجام‌نشده: وجهی کسر نشد</source>
        <translation>Not taken: nothing was charged</translation>
    </message>
    <message>
        <source>دلیل (لازم)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>{amount} ریال، {id}:</source>
        <translation>{amount} rials, {id}:</translation>
    </message>
    <message>
        <source>برای تراکنش نامعلوم {id} تصمیم ثبت نشده است.</source>
        <translation>No decision is recorded for transaction {id}, which is in doubt.</translation>
    </message>
    <message>
        <source>دلیل تصمیم برای تراکنش نامعلوم {id}: لازم است</source>
        <translation>Reason for the decision on transaction {id} in doubt: required</translation>
    </message>
</context>
<context>
    <name>FeeCaseForm</name>
    <message>
        <source>پروانه ساختمانی</source>
        <translation>Building permit</translation>
    </message>
    <message>
        <source>نقل و انتقال (استعلام دفترخانه)</source>
        <translation>Transfer (notary inquiry)</translation>
    </message>
    <message>
        <source>منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان</source>
        <translation>region-district-block-parcel-building-apartment</translation>
    </message>
    <message>
        <source>ندارد</source>
        <translation>None</translation>
    </message>
    <message>
        <source>محدودیت پارکینگ (۵۰٪ تخفیف)</source>
        <translation>Parking restricted (50% discount)</translation>
    </message>
    <message>
        <source>ممنوعیت پارکینگ (۹۵٪ تخفیف)</source>
        <translation>Parking forbidden (95% discount)</translation>
    </message>
    <message>
        <source>اختیاری</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>افزودن طبقه</source>
        <translation>Add floor</translation>
    </message>
    <message>
        <source>حذف طبقه</source>
        <translation>Remove floor</translation>
    </message>
    <message>
        <source>نوع محاسبه</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>تاریخ</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>کد نوسازی</source>
        <translation>Renovation code</translation>
    </message>
    <message>
        <source>مساحت عرصه (م²)</source>
        <translation>Land area (m²)</translation>
    </message>
    <message>
        <source>پارکینگ تأمین‌شده</source>
        <translation>Parking provided</translation>
    </message>
    <message>
        <source>پارکینگ موردنیاز</source>
        <translation>Parking required</translation>
    </message>
    <message>
        <source>محدودیت پارکینگ</source>
        <translation>Parking exemption</translation>
    </message>
    <message>
        <source>بالکن و پیش‌آمدگی (م²)</source>
        <translation>Balcony / projection (m²)</translation>
    </message>
    <message>
        <source>اضافه طبقه (م²)</source>
        <translation>Extra floor area (m²)</translation>
    </message>
    <message>
        <source>سال‌های نوسازی پرداخت‌نشده</source>
        <translation>Unpaid renovation years</translation>
    </message>
    <message>
        <source>طبقات</source>
        <translation>Floors</translation>
    </message>
    <message>
        <source>برای پروانه دست‌کم یک طبقه لازم است</source>
        <translation>a permit needs at least one floor</translation>
    </message>
    <message>
        <source>لازم است</source>
        <translation>is required</translation>
    </message>
    <message>
        <source>همان طبقه ردیف {first} است؛ هر طبقه یک ردیف دارد</source>
        <translation>is the same floor as row {first}; each floor has one row</translation>
    </message>
    <message>
        <source>طبقات مسکونی دست‌کم یک واحد لازم دارند</source>
        <translation>residential floors need at least one unit</translation>
    </message>
    <message>
        <source>{column} در ردیف {row} طبقات</source>
        <translation>{column}, floor row {row}</translation>
    </message>
    <message>
        <source>ردیف {row} طبقات</source>
        <translation>floor row {row}</translation>
    </message>
    <message>
        <source>باید به شکل منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان باشد، مانند {example}</source>
        <translation>must be region-district-block-parcel-building-apartment, e.g. {example}</translation>
    </message>
</context>
<context>
    <name>FeeComparisonView</name>
    <message>
        <source>عوارض هنوز تعیین نشده است و برآورد این دفتر هم ممکن نشد: {reason}</source>
        <translation>The fees are not set yet, and this office&apos;s estimate could not be made: {reason}</translation>
    </message>
    <message>
        <source>پیش‌نمایش این دفتر محاسبه نشد ({reason})؛ فقط مبلغ سامانه با دفترچه {book} نشان داده می‌شود.</source>
        <translation>This office&apos;s preview could not be computed ({reason}); only the system&apos;s figures, under book {book}, are shown.</translation>
    </message>
    <message>
        <source>عوارض هنوز تعیین نشده است. برآورد این دفتر برای امروز ({date}) با دفترچه {book}:</source>
        <translation>The fees are not set yet. This office&apos;s estimate for today ({date}) under book {book}:</translation>
    </message>
    <message>
        <source>{n} ردیف با پیش‌نمایش این دفتر فرق دارد، با آنکه هر دو با دفترچه {book} محاسبه شده‌اند. مبلغ سامانه ملاک پرداخت است.</source>
        <translation>{n} lines differ from this office&apos;s preview, although both were computed under book {book}. The system&apos;s figures are the ones to pay.</translation>
    </message>
    <message>
        <source>{n} ردیف با پیش‌نمایش این دفتر فرق دارد: سامانه با دفترچه {server} (تاریخ {date}) و پیش‌نمایش با دفترچه {preview} محاسبه شده است. مبلغ سامانه ملاک پرداخت است.</source>
        <translation>{n} lines differ from this office&apos;s preview: the system computed under book {server} (on {date}), the preview under book {preview}. The system&apos;s figures are the ones to pay.</translation>
    </message>
    <message>
        <source>مبلغ سامانه (دفترچه {server}) با پیش‌نمایش این دفتر (دفترچه {preview}) یکی است.</source>
        <translation>The system&apos;s figures (book {server}) match this office&apos;s preview (book {preview}).</translation>
    </message>
    <message>
        <source>{book} (دریافت‌شده از سامانه)</source>
        <translation>{book} (downloaded from the system)</translation>
    </message>
    <message>
        <source>مساحت عرصه ملک در دست نیست</source>
        <translation>the parcel&apos;s land area is not known</translation>
    </message>
    <message>
        <source>کد</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>شرح</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>سامانه
{book}</source>
        <translation>System
{book}</translation>
    </message>
    <message>
        <source>پیش‌نمایش این دفتر
{book}</source>
        <translation>This office&apos;s preview
{book}</translation>
    </message>
    <message>
        <source>این ردیف با پیش‌نمایش این دفتر فرق دارد</source>
        <translation>This line differs from this office&apos;s preview</translation>
    </message>
    <message>
        <source>متفاوت</source>
        <translation>Different</translation>
    </message>
    <message>
        <source>جمع</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>FeePanel</name>
    <message>
        <source>پیش‌نمایش عوارض</source>
        <translation>Fee preview</translation>
    </message>
    <message>
        <source>در حال بارگذاری دفترچه‌های تعرفه…</source>
        <translation>Loading tariff books…</translation>
    </message>
    <message>
        <source>جمع کل:</source>
        <translation>Total:</translation>
    </message>
    <message>
        <source>دفترچه‌های تعرفه بارگذاری نشد؛ جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>The tariff books could not be loaded; details are in the program&apos;s log.</translation>
    </message>
    <message>
        <source>این ساختمان با دفترچه تعرفه محاسبه‌پذیر نیست.</source>
        <translation>This building cannot be computed with the tariff book.</translation>
    </message>
    <message>
        <source>بلوک این ملک در جدول قیمت منطقه‌ای دفترچه نیست.</source>
        <translation>This parcel&apos;s block is not in the book&apos;s regional value table.</translation>
    </message>
    <message>
        <source>دفترچه تعرفه: {book} — تاریخ محاسبه {date}</source>
        <translation>Tariff book: {book} — computed on {date}</translation>
    </message>
    <message>
        <source>{amount} ریال</source>
        <translation>{amount} rials</translation>
    </message>
    <message>
        <source>مبلغ نهایی را شهرداری هنگام بررسی درخواست محاسبه می‌کند.</source>
        <translation>The municipality computes the final amount when it reviews the request.</translation>
    </message>
</context>
<context>
    <name>FeePreviewPage</name>
    <message>
        <source>پیش‌نمایش عوارض</source>
        <translation>Fee preview</translation>
    </message>
    <message>
        <source>در حال بارگذاری دفترچه‌های تعرفه…</source>
        <translation>Loading the tariff books…</translation>
    </message>
    <message>
        <source>بررسی دفترچه سامانه</source>
        <translation>Check the server&apos;s book</translation>
    </message>
    <message>
        <source>جمع کل عوارض:</source>
        <translation>Total fees:</translation>
    </message>
    <message>
        <source>دفترچه‌های تعرفه بارگذاری نشد؛ جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>The tariff books could not be loaded; the details were written to the log.</translation>
    </message>
    <message>
        <source>دفترچه جاری سامانه: {book} — امضا تأیید شد.</source>
        <translation>The server&apos;s current book: {book} — signature verified.</translation>
    </message>
    <message>
        <source>دفترچه جاری سامانه: {book} — امضا تأیید نشد.</source>
        <translation>The server&apos;s current book: {book} — signature NOT verified.</translation>
    </message>
    <message>
        <source>دفترچه سامانه بررسی نشد: {reason} محاسبه با دفترچه‌های همین رایانه انجام می‌شود.</source>
        <translation>The server&apos;s book was not checked: {reason} Computing with the books on this computer.</translation>
    </message>
    <message>
        <source>بلوک {block} در جدول قیمت منطقه‌ای دفترچه {book} نیست</source>
        <translation>block {block} is not in the regional value table of book {book}</translation>
    </message>
    <message>
        <source>این مورد با دفترچه {book} محاسبه‌پذیر نیست.</source>
        <translation>This case cannot be computed with book {book}.</translation>
    </message>
    <message>
        <source>{amount} ریال</source>
        <translation>{amount} rials</translation>
    </message>
    <message>
        <source>هیچ دفترچه تعرفه‌ای در این تاریخ نافذ نیست</source>
        <translation>no tariff book is in force on this date</translation>
    </message>
    <message>
        <source>پذیرفته نشد</source>
        <translation>was not accepted</translation>
    </message>
    <message>
        <source>برای پیش‌نمایش، «{field}» را وارد کنید.</source>
        <translation>To see the preview, enter &quot;{field}&quot;.</translation>
    </message>
    <message>
        <source>قیمت منطقه‌ای (P) بلوک {block}: {value} ریال بر متر مربع</source>
        <translation>Regional value (P) of block {block}: {value} rials per m²</translation>
    </message>
    <message>
        <source>دفترچه تعرفه: —</source>
        <translation>Tariff book: —</translation>
    </message>
    <message>
        <source>دفترچه تعرفه: {book} ({source})</source>
        <translation>Tariff book: {book} ({source})</translation>
    </message>
    <message>
        <source>همراه برنامه</source>
        <translation>bundled</translation>
    </message>
    <message>
        <source>دریافت‌شده از سامانه و تأییدشده</source>
        <translation>downloaded from the server, verified</translation>
    </message>
    <message>
        <source>نمونه آموزشی، غیرواقعی</source>
        <translation>training sample, not real</translation>
    </message>
    <message>
        <source>سامانه شهرداری دفترچه جدیدتری دارد ({server}) اما این پیش‌نمایش با {used} محاسبه شد؛ مبلغ نهایی ممکن است متفاوت باشد.</source>
        <translation>The municipality&apos;s server has a newer book ({server}), but this preview was computed with {used}; the final amount may differ.</translation>
    </message>
    <message>
        <source>امضای دفترچه سامانه تأیید نشد؛ از آن استفاده نمی‌شود.</source>
        <translation>The server&apos;s book failed signature verification; it is not used.</translation>
    </message>
</context>
<context>
    <name>FloorsTable</name>
    <message>
        <source>باید شماره طبقه باشد (۰ همکف، منفی زیرزمین) یا «نیم‌طبقه»</source>
        <translation>must be a floor number (0 ground, negative basement) or &quot;mezzanine&quot;</translation>
    </message>
    <message>
        <source>طبقه</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>کاربری</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>مساحت (م²)</source>
        <translation>Area (m²)</translation>
    </message>
    <message>
        <source>واحد</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>ارتفاع (م)</source>
        <translation>Height (m)</translation>
    </message>
    <message>
        <source>بَر (م)</source>
        <translation>Frontage (m)</translation>
    </message>
    <message>
        <source>مسکونی</source>
        <translation>Residential</translation>
    </message>
    <message>
        <source>تجاری</source>
        <translation>Commercial</translation>
    </message>
    <message>
        <source>اداری</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>صنعتی</source>
        <translation>Industrial</translation>
    </message>
    <message>
        <source>انبار تجاری</source>
        <translation>Storage (commercial)</translation>
    </message>
    <message>
        <source>انبار اداری</source>
        <translation>Storage (office)</translation>
    </message>
    <message>
        <source>انبار صنعتی</source>
        <translation>Storage (industrial)</translation>
    </message>
    <message>
        <source>انبار</source>
        <translation>storage</translation>
    </message>
    <message>
        <source>نیم‌طبقه</source>
        <translation>Mezzanine</translation>
    </message>
    <message>
        <source>همکف</source>
        <translation>Ground</translation>
    </message>
    <message>
        <source>زیرزمین {n}</source>
        <translation>Basement {n}</translation>
    </message>
    <message>
        <source>طبقه {n}</source>
        <translation>Floor {n}</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>باید عدد باشد</source>
        <translation>must be a number</translation>
    </message>
    <message>
        <source>نباید منفی باشد</source>
        <translation>must not be negative</translation>
    </message>
    <message>
        <source>باید بیشتر از صفر باشد</source>
        <translation>must be greater than zero</translation>
    </message>
    <message>
        <source>نباید بیشتر از {maximum} باشد</source>
        <translation>must be at most {maximum}</translation>
    </message>
    <message>
        <source>باید عدد صحیح باشد</source>
        <translation>must be a whole number</translation>
    </message>
    <message>
        <source>حداکثر {places} رقم اعشار مجاز است</source>
        <translation>at most {places} decimal places</translation>
    </message>
    <message>
        <source>لازم است</source>
        <translation>is required</translation>
    </message>
    <message>
        <source>کل درخواست</source>
        <translation>the whole request</translation>
    </message>
    <message>
        <source>یکی از ورودی‌ها</source>
        <translation>one of the inputs</translation>
    </message>
    <message>
        <source>{label}: {message}</source>
        <translation>{label}: {message}</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>دفتر</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>کد دفتر</source>
        <translation>Office code</translation>
    </message>
    <message>
        <source>نوع دفتر</source>
        <translation>Office type</translation>
    </message>
    <message>
        <source>نقش‌ها</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>کارهای امروز</source>
        <translation>Today&apos;s work</translation>
    </message>
    <message>
        <source>بازگرداندن نسخه پشتیبان</source>
        <translation>Restore the backup</translation>
    </message>
    <message>
        <source>ادامه با داده‌های بازیابی‌شده</source>
        <translation>Keep the recovered data</translation>
    </message>
    <message>
        <source>کارهای اصلی</source>
        <translation>Main tasks</translation>
    </message>
    <message>
        <source>نشست کاری</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>شماره این رایانه</source>
        <translation>This computer&apos;s number</translation>
    </message>
    <message>
        <source>زمان ورود</source>
        <translation>Signed in at</translation>
    </message>
    <message>
        <source>محیط سامانه</source>
        <translation>Server environment</translation>
    </message>
    <message>
        <source>اپراتور پیشخوان</source>
        <translation>Counter operator</translation>
    </message>
    <message>
        <source>صندوق‌دار</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>کارمند دفتر اسناد رسمی</source>
        <translation>Notary office staff</translation>
    </message>
    <message>
        <source>دفتر پیشخوان دولت</source>
        <translation>Government counter office</translation>
    </message>
    <message>
        <source>دفتر اسناد رسمی</source>
        <translation>Notary office</translation>
    </message>
    <message>
        <source>خوش آمدید، {name}</source>
        <translation>Welcome, {name}</translation>
    </message>
    <message>
        <source>امروز {date}</source>
        <translation>Today, {date}</translation>
    </message>
    <message>
        <source>آموزشی (داده‌های نمونه)</source>
        <translation>Training (sample data)</translation>
    </message>
    <message>
        <source>عملیاتی</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>ورود شما فقط تا بستن برنامه به خاطر سپرده می‌شود؛ پس از بستن برنامه دوباره وارد شوید. کارهای ثبت‌شده در صف ارسال از بین نمی‌روند.</source>
        <translation>Your sign-in is remembered only until the application is closed; sign in again after closing it. Work already in the outbox is not lost.</translation>
    </message>
    <message>
        <source>در صف</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>در انتظار پاسخ شهرداری</source>
        <translation>Awaiting the municipality&apos;s answer</translation>
    </message>
    <message>
        <source>ردشده</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>انجام‌شده امروز</source>
        <translation>Done today</translation>
    </message>
</context>
<context>
    <name>InquiriesPage</name>
    <message>
        <source>شماره استعلام</source>
        <translation>Inquiry number</translation>
    </message>
    <message>
        <source>نوع</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>ملک</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <source>طرفین</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>وضعیت</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>زمان ثبت</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <source>استعلام‌ها</source>
        <translation>Inquiries</translation>
    </message>
    <message>
        <source>همه وضعیت‌ها</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>به‌روزرسانی</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>استعلام جدید</source>
        <translation>New inquiry</translation>
    </message>
    <message>
        <source>استعلامی با این وضعیت نیست.</source>
        <translation>No inquiry with this status.</translation>
    </message>
    <message>
        <source>این دفتر هنوز استعلامی نفرستاده است.</source>
        <translation>This office has not sent an inquiry yet.</translation>
    </message>
    <message>
        <source>فهرست شهرداری خوانده نشد: {reason} استعلام‌های در صف ارسال این رایانه فهرست شده است.</source>
        <translation>The municipality&apos;s list could not be read: {reason} The inquiries waiting in this computer&apos;s outbox are listed.</translation>
    </message>
    <message>
        <source>پاسخ شهرداری خوانده نشد و نمایش داده نمی‌شود.</source>
        <translation>The municipality&apos;s reply could not be read and is not shown.</translation>
    </message>
    <message>
        <source>این استعلام هنوز در سامانه شهرداری نیست؛ اگر در صف ارسال است، پس از ارسال نمایش داده می‌شود.</source>
        <translation>This inquiry is not on the municipality&apos;s system yet; if it is waiting in the outbox, it is shown once sent.</translation>
    </message>
    <message>
        <source>استعلام خوانده نشد: {reason}</source>
        <translation>The inquiry could not be read: {reason}</translation>
    </message>
    <message>
        <source>پاسخ استعلام {number} رسید.</source>
        <translation>The reply to inquiry {number} has arrived.</translation>
    </message>
    <message>
        <source>شهرداری استعلام ملک {code} را نپذیرفت: {reason} فیلدهای آن در «استعلام جدید» است.</source>
        <translation>The municipality refused the inquiry on parcel {code}: {reason} Its fields are back in «New inquiry».</translation>
    </message>
    <message>
        <source>سند برای چاپ آماده نشد: {reason}</source>
        <translation>The document could not be prepared for printing: {reason}</translation>
    </message>
    <message>
        <source>نسخه المثنی سند {number} به چاپگر «{printer}» فرستاده شد.</source>
        <translation>A duplicate of document {number} was sent to printer «{printer}».</translation>
    </message>
    <message>
        <source>سند {number} به چاپگر «{printer}» فرستاده شد.</source>
        <translation>Document {number} was sent to printer «{printer}».</translation>
    </message>
    <message>
        <source>بدون تاریخ انقضا</source>
        <translation>Does not expire</translation>
    </message>
    <message>
        <source>معتبر تا {date}</source>
        <translation>Valid until {date}</translation>
    </message>
    <message>
        <source>{name} به شماره {number} صادر شد ({valid}).</source>
        <translation>{name} number {number} was issued ({valid}).</translation>
    </message>
    <message>
        <source>{name} صادر نشد: {reason}</source>
        <translation>{name} was not issued: {reason}</translation>
    </message>
    <message>
        <source>درخواست {name} در صف ارسال است؛ پاسخ شهرداری همین‌جا نمایش داده می‌شود.</source>
        <translation>The request for the {name} is in the outbox; the municipality&apos;s answer will show here.</translation>
    </message>
</context>
<context>
    <name>InquiryForm</name>
    <message>
        <source>استعلام با کد نوسازی (مانند {code}) یا پلاک ثبتی (مانند {plate}) فرستاده می‌شود</source>
        <translation>An inquiry is sent with a renovation code (such as {code}) or a registration plate (such as {plate})</translation>
    </message>
    <message>
        <source>نام کامل لازم است</source>
        <translation>The full name is required</translation>
    </message>
    <message>
        <source>بیش از ۱۲۰ نویسه است</source>
        <translation>is longer than 120 characters</translation>
    </message>
    <message>
        <source>لازم است</source>
        <translation>is required</translation>
    </message>
    <message>
        <source>کد ملی ۱۰ رقم و شناسه ملی اشخاص حقوقی ۱۱ رقم است</source>
        <translation>A national ID has 10 digits and a legal-entity ID 11 digits</translation>
    </message>
    <message>
        <source>حداکثر {n} نویسه؛ اکنون {count} نویسه است</source>
        <translation>At most {n} characters; it has {count} now</translation>
    </message>
</context>
<context>
    <name>InquiryFormPage</name>
    <message>
        <source>استعلام جدید</source>
        <translation>New inquiry</translation>
    </message>
    <message>
        <source>کد نوسازی یا پلاک ثبتی (تایپ یا اسکن)</source>
        <translation>Renovation code or registration plate (typed or scanned)</translation>
    </message>
    <message>
        <source>ملک (کد نوسازی یا پلاک ثبتی)</source>
        <translation>Parcel (renovation code or registration plate)</translation>
    </message>
    <message>
        <source>نوع معامله</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <source>نوع انشعاب</source>
        <translation>Utility</translation>
    </message>
    <message>
        <source>طرفین معامله</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>توضیحات</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>فرم تازه</source>
        <translation>New form</translation>
    </message>
    <message>
        <source>همه فیلدهای این استعلام پاک شود و فرم تازه‌ای آغاز شود؟</source>
        <translation>Clear every field of this inquiry and start a new form?</translation>
    </message>
    <message>
        <source>پاک کن و از نو</source>
        <translation>Clear and start again</translation>
    </message>
    <message>
        <source>انصراف</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>ارسال استعلام</source>
        <translation>Send inquiry</translation>
    </message>
    <message>
        <source>ارسال استعلام (Ctrl+Enter)</source>
        <translation>Send inquiry (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره‌شده بازیابی شد.</source>
        <translation>The saved draft was restored.</translation>
    </message>
    <message>
        <source>در حال نوشتن…</source>
        <translation>Typing…</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره شد.</source>
        <translation>Draft saved.</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره نشد؛ برنامه را نبندید. جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>The draft was not saved; do not close the application. Details are in the application log.</translation>
    </message>
    <message>
        <source>فرم تازه؛ پیش‌نویس قبلی پاک شد.</source>
        <translation>New form; the previous draft was cleared.</translation>
    </message>
    <message>
        <source>در حال یافتن ملک…</source>
        <translation>Finding the parcel…</translation>
    </message>
    <message>
        <source>ملک {code}: {address} — مالک: {owners}</source>
        <translation>Parcel {code}: {address} — owner: {owners}</translation>
    </message>
    <message>
        <source>این پلاک {n} ملک دارد؛ کد نوسازی ملک را وارد کنید.</source>
        <translation>This plate has {n} parcels; enter the parcel&apos;s renovation code.</translation>
    </message>
    <message>
        <source>ملکی با این کد یا پلاک پیدا نشد.</source>
        <translation>No parcel with this code or plate was found.</translation>
    </message>
    <message>
        <source>ملک بررسی نشد: {reason}</source>
        <translation>The parcel could not be checked: {reason}</translation>
    </message>
    <message>
        <source>استعلام در صف ارسال ثبت شد؛ فرم برای استعلام بعدی آماده است.</source>
        <translation>The inquiry is in the outbox; the form is ready for the next inquiry.</translation>
    </message>
    <message>
        <source>استعلام ثبت نشد: {reason} همه فیلدها سر جای خود است.</source>
        <translation>The inquiry was not recorded: {reason} Every field is still in place.</translation>
    </message>
    <message>
        <source>شهرداری استعلام ملک {code} را نپذیرفت: {reason}</source>
        <translation>The municipality refused the inquiry on parcel {code}: {reason}</translation>
    </message>
    <message>
        <source>شهرداری استعلام را نپذیرفت — {reason}</source>
        <translation>The municipality refused the inquiry — {reason}</translation>
    </message>
</context>
<context>
    <name>InquiryParties</name>
    <message>
        <source>فروشنده</source>
        <translation>Seller</translation>
    </message>
    <message>
        <source>خریدار</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>راهن (مالک)</source>
        <translation>Mortgagor (owner)</translation>
    </message>
    <message>
        <source>بانک</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>متقاضی</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>طرفین معامله</source>
        <translation>Parties</translation>
    </message>
</context>
<context>
    <name>InquiryReplyView</name>
    <message>
        <source>استعلامی را از فهرست انتخاب کنید.</source>
        <translation>Choose an inquiry from the list.</translation>
    </message>
    <message>
        <source>بدهی</source>
        <translation>Debt</translation>
    </message>
    <message>
        <source>مبلغ (ریال)</source>
        <translation>Amount (rials)</translation>
    </message>
    <message>
        <source>تخلف</source>
        <translation>Violation</translation>
    </message>
    <message>
        <source>وضعیت در کمیسیون ماده ۱۰۰</source>
        <translation>Status at the Article 100 commission</translation>
    </message>
    <message>
        <source>تخلف ساختمانی ثبت نشده است.</source>
        <translation>No building violation is recorded.</translation>
    </message>
    <message>
        <source>چاپ پاسخ</source>
        <translation>Print reply</translation>
    </message>
    <message>
        <source>چاپ پاسخ روی چاپگر A4 با پیش‌نمایش (Ctrl+P)</source>
        <translation>Print the reply on the A4 printer after a preview (Ctrl+P)</translation>
    </message>
    <message>
        <source>درخواست {name}</source>
        <translation>Request {name}</translation>
    </message>
    <message>
        <source>چاپ گواهی</source>
        <translation>Print certificate</translation>
    </message>
    <message>
        <source>در حال خواندن استعلام…</source>
        <translation>Reading the inquiry…</translation>
    </message>
    <message>
        <source>استعلام {type} {number}</source>
        <translation>{type} inquiry {number}</translation>
    </message>
    <message>
        <source>این استعلام روی این رایانه ثبت شده و در صف ارسال است؛ هنوز به شهرداری نرسیده است.</source>
        <translation>This inquiry is recorded on this computer and waits in the outbox; it has not reached the municipality yet.</translation>
    </message>
    <message>
        <source>در انتظار پاسخ شهرداری (موعد پاسخ: {due}). پاسخ به‌طور خودکار خوانده می‌شود.</source>
        <translation>Waiting for the municipality&apos;s reply (due: {due}). The reply is read automatically.</translation>
    </message>
    <message>
        <source>شهرداری این پاسخ را در {date} باطل کرده است: {reason}</source>
        <translation>The municipality revoked this reply on {date}: {reason}</translation>
    </message>
    <message>
        <source>اعتبار این پاسخ در {date} پایان یافته است؛ برای معامله استعلام تازه بفرستید.</source>
        <translation>This reply expired on {date}; send a new inquiry for the transaction.</translation>
    </message>
    <message>
        <source>ملک</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <source>طرفین</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>زمان ثبت</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <source>توضیحات</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>شماره پاسخ</source>
        <translation>Reply number</translation>
    </message>
    <message>
        <source>تاریخ پاسخ</source>
        <translation>Reply date</translation>
    </message>
    <message>
        <source>اعتبار تا</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>نوع استعلام</source>
        <translation>Inquiry type</translation>
    </message>
    <message>
        <source>مالک</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>کد نوسازی و پلاک ثبتی</source>
        <translation>Renovation code and registration plate</translation>
    </message>
    <message>
        <source>وضعیت طرح و عقب‌نشینی</source>
        <translation>Plan and setback status</translation>
    </message>
    <message>
        <source>عوارض نقل و انتقال</source>
        <translation>Transfer fee</translation>
    </message>
    <message>
        <source>جمع کل</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>جمع کل: {figures} ریال ({words})</source>
        <translation>Total: {figures} rials ({words})</translation>
    </message>
    <message>
        <source>ملک {amount} ریال بدهی دارد؛ گواهی مفاصاحساب پس از پرداخت بدهی‌ها صادر می‌شود.</source>
        <translation>The parcel owes {amount} rials; the clearance certificate is issued once the debts are paid.</translation>
    </message>
    <message>
        <source>تا رسیدگی به تخلف در کمیسیون ماده ۱۰۰، گواهی پایان کار صادر نمی‌شود.</source>
        <translation>No completion certificate is issued until the Article 100 commission has ruled on the violation.</translation>
    </message>
    <message>
        <source>تا رسیدگی به تخلف در کمیسیون ماده ۱۰۰، گواهی عدم خلاف صادر نمی‌شود.</source>
        <translation>No no-violation certificate is issued until the Article 100 commission has ruled on the violation.</translation>
    </message>
    <message>
        <source>شهرداری شرایط صدور را هنگام درخواست بررسی می‌کند.</source>
        <translation>The municipality checks the conditions when the certificate is requested.</translation>
    </message>
</context>
<context>
    <name>InquiryTexts</name>
    <message>
        <source>نقل و انتقال</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>رهن بانکی</source>
        <translation>Bank mortgage</translation>
    </message>
    <message>
        <source>انشعاب آب، گاز یا برق</source>
        <translation>Water, gas or power connection</translation>
    </message>
    <message>
        <source>آب</source>
        <translation>Water</translation>
    </message>
    <message>
        <source>گاز</source>
        <translation>Gas</translation>
    </message>
    <message>
        <source>برق</source>
        <translation>Power</translation>
    </message>
    <message>
        <source>در صف ارسال</source>
        <translation>In the outbox</translation>
    </message>
    <message>
        <source>در انتظار پاسخ</source>
        <translation>Waiting for the reply</translation>
    </message>
    <message>
        <source>پاسخ داده شده</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>گواهی مفاصاحساب</source>
        <translation>Clearance certificate</translation>
    </message>
    <message>
        <source>گواهی پایان کار</source>
        <translation>Completion certificate</translation>
    </message>
    <message>
        <source>گواهی عدم خلاف</source>
        <translation>No-violation certificate</translation>
    </message>
    <message>
        <source>نقل و انتقال ملک</source>
        <translation>Transfer of the property</translation>
    </message>
    <message>
        <source>ترهین ملک</source>
        <translation>Mortgage of the property</translation>
    </message>
    <message>
        <source>واگذاری انشعاب</source>
        <translation>Utility connection</translation>
    </message>
    <message>
        <source>{what} بلامانع است.</source>
        <translation>{what}: no objection.</translation>
    </message>
    <message>
        <source>{what} فقط با این شرط مجاز است: {condition}</source>
        <translation>{what} is allowed only on this condition: {condition}</translation>
    </message>
    <message>
        <source>{what} مجاز نیست: {condition}</source>
        <translation>{what} is not allowed: {condition}</translation>
    </message>
    <message>
        <source>{what} مجاز نیست.</source>
        <translation>{what} is not allowed.</translation>
    </message>
</context>
<context>
    <name>Journaling</name>
    <message>
        <source>دفتر رویدادهای این رایانه ثبت نشد. کار را ادامه دهید و به پشتیبانی خبر دهید؛ جزئیات در گزارش برنامه است.</source>
        <translation>The activity journal of this computer could not be written. Carry on working and tell support; the details are in the application log.</translation>
    </message>
</context>
<context>
    <name>KindTotalsModel</name>
    <message>
        <source>نوع قبض</source>
        <translation>Bill kind</translation>
    </message>
    <message>
        <source>صندوق (ریال)</source>
        <translation>This desk (rials)</translation>
    </message>
    <message>
        <source>سامانه شهرداری (ریال)</source>
        <translation>Municipality (rials)</translation>
    </message>
    <message>
        <source>اختلاف</source>
        <translation>Difference</translation>
    </message>
</context>
<context>
    <name>ListView</name>
    <message>
        <source>جست‌وجو در این صفحه</source>
        <translation>Search this page</translation>
    </message>
    <message>
        <source>صفحه قبل</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>صفحه قبل (Ctrl+PgUp)</source>
        <translation>Previous page (Ctrl+PgUp)</translation>
    </message>
    <message>
        <source>صفحه بعد</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>صفحه بعد (Ctrl+PgDown)</source>
        <translation>Next page (Ctrl+PgDown)</translation>
    </message>
    <message>
        <source>بارگذاری دوباره</source>
        <translation>Load again</translation>
    </message>
    <message>
        <source>صفحه {page} از {pages}</source>
        <translation>Page {page} of {pages}</translation>
    </message>
    <message>
        <source>{n} مورد</source>
        <translation>items: {n}</translation>
    </message>
    <message>
        <source>در حال بارگذاری…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>فهرست خوانده نشد: {reason}</source>
        <translation>The list could not be read: {reason}</translation>
    </message>
    <message>
        <source>موردی نیست.</source>
        <translation>Nothing here.</translation>
    </message>
    <message>
        <source>در این صفحه موردی با این جست‌وجو پیدا نشد.</source>
        <translation>Nothing on this page matches the search.</translation>
    </message>
</context>
<context>
    <name>LocalData</name>
    <message>
        <source>پایگاه داده کارهای این کاربر روی این رایانه پیدا نشد و پایگاه تازه‌ای ساخته شد؛ برای برگرداندن کارهای ثبت‌شده، نسخه پشتیبان {date} را بازگردانید.</source>
        <translation>This operator&apos;s local database was not found on this computer and a new one was made; restore the backup of {date} to bring back the recorded work.</translation>
    </message>
    <message>
        <source>پایگاه داده کارهای این کاربر روی این رایانه پیدا نشد و پایگاه تازه‌ای ساخته شد؛ کارهای ثبت‌شده پیشین در دسترس نیست، به پشتیبانی خبر دهید.</source>
        <translation>This operator&apos;s local database was not found on this computer and a new one was made; the work recorded before is not available, tell support.</translation>
    </message>
    <message>
        <source>پایگاه داده کارهای این کاربر خالی شده بود؛ پرونده آن با نام {name} کنار گذاشته شد و پایگاه تازه‌ای ساخته شد، نسخه پشتیبان {date} را بازگردانید تا کارهای ثبت‌شده برگردد.</source>
        <translation>This operator&apos;s local database had become empty; it was set aside as {name} and a new one was made, restore the backup of {date} to bring back the recorded work.</translation>
    </message>
    <message>
        <source>پایگاه داده کارهای این کاربر خالی شده بود؛ پرونده آن با نام {name} کنار گذاشته شد و پایگاه تازه‌ای ساخته شد، به پشتیبانی خبر دهید و این پرونده را پاک نکنید.</source>
        <translation>This operator&apos;s local database had become empty; it was set aside as {name} and a new one was made, tell support and do not delete that file.</translation>
    </message>
    <message>
        <source>پایگاه داده کارهای این کاربر آسیب دیده بود؛ پرونده آن با نام {name} کنار گذاشته شد و {waiting} کار در انتظار ارسال و {sent} کار پایان‌یافته از آن بازیابی شد، صف ارسال را بررسی کنید و اگر کاری کم است نسخه پشتیبان {date} را بازگردانید.</source>
        <translation>This operator&apos;s local database was damaged; it was set aside as {name} and {waiting} waiting and {sent} finished actions were recovered from it, check the outbox and, if anything is missing, restore the backup of {date}.</translation>
    </message>
    <message>
        <source>پایگاه داده کارهای این کاربر آسیب دیده بود؛ پرونده آن با نام {name} کنار گذاشته شد و {waiting} کار در انتظار ارسال و {sent} کار پایان‌یافته از آن بازیابی شد، صف ارسال را بررسی کنید و اگر کاری کم است به پشتیبانی خبر دهید.</source>
        <translation>This operator&apos;s local database was damaged; it was set aside as {name} and {waiting} waiting and {sent} finished actions were recovered from it, check the outbox and, if anything is missing, tell support.</translation>
    </message>
    <message>
        <source>نسخه پشتیبان {date} بازگردانده شد و کارهایی که پس از آن ثبت شده بود به آن افزوده شد؛ صف ارسال را بررسی کنید.</source>
        <translation>The backup of {date} was restored and the work recorded after it was added; check the outbox.</translation>
    </message>
    <message>
        <source>برنامه با همین کاربر روی این رایانه هم‌اکنون باز است؛ همان پنجره را به کار ببرید، یا آن را ببندید و دوباره وارد شوید.</source>
        <translation>The program is already open for this operator on this computer; use that window, or close it and sign in again.</translation>
    </message>
    <message>
        <source>پایگاه داده کارهای این کاربر را نسخه تازه‌تری از برنامه ساخته است و دست نخورده ماند؛ تا نسخه تازه برنامه نصب نشود، کاری ثبت و ارسال نمی‌شود.</source>
        <translation>This operator&apos;s local database was written by a newer version of the program and was left untouched; nothing can be recorded or sent until the newer version is installed.</translation>
    </message>
    <message>
        <source>پایگاه داده کارهای این کاربر باز نشد و کاری ثبت یا ارسال نمی‌شود؛ برنامه را ببندید و به پشتیبانی خبر دهید.</source>
        <translation>This operator&apos;s local database could not be opened and nothing can be recorded or sent; close the program and tell support.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>صفحه قفل است</source>
        <translation>The screen is locked</translation>
    </message>
    <message>
        <source>برای ادامه کار، گذرواژه خود را وارد کنید.</source>
        <translation>To go on working, enter your password.</translation>
    </message>
    <message>
        <source>گذرواژه</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>باز کردن قفل</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>خروج از حساب</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>کاربر دیگری هستید؟ «خروج از حساب» را بزنید؛ پیش‌نویس‌های این کاربر نگه داشته می‌شود و ارسال‌های صف پس از ورود دوباره او ادامه می‌یابد.</source>
        <translation>Someone else? Press “Sign out”: this operator&apos;s drafts are kept, and the queued sends go on once they sign in again.</translation>
    </message>
    <message>
        <source>قفل‌شده از ساعت {time}</source>
        <translation>Locked since {time}</translation>
    </message>
    <message>
        <source>گذرواژه را وارد کنید.</source>
        <translation>Enter the password.</translation>
    </message>
    <message>
        <source>گذرواژه چند بار نادرست وارد شد؛ برای حفظ اطلاعات، از حساب خارج شدید. دوباره وارد شوید.</source>
        <translation>The password was wrong several times; to protect the data you were signed out. Sign in again.</translation>
    </message>
    <message>
        <source>گذرواژه درست نیست.</source>
        <translation>The password is wrong.</translation>
    </message>
    <message>
        <source>{n} بار دیگر می‌توانید تلاش کنید؛ پس از آن ورود این کاربر برای مدتی بسته می‌شود.</source>
        <translation>{n} more tries; after that this user cannot sign in for a while.</translation>
    </message>
    <message>
        <source>{n} بار دیگر می‌توانید تلاش کنید؛ پس از آن از حساب خارج می‌شوید.</source>
        <translation>{n} more tries; after that you will be signed out.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>آموزشی</source>
        <translation>TRAINING</translation>
    </message>
    <message>
        <source>پیشخوان شهرداری</source>
        <translation>Municipal Counter</translation>
    </message>
    <message>
        <source>سامانه آموزشی</source>
        <translation>Training system</translation>
    </message>
    <message>
        <source>وارد نشده</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>متصل</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>قطع ارتباط</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>صف ارسال در دسترس نیست؛ جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>The outbox is not available; the details are in the application log.</translation>
    </message>
    <message>
        <source>در انتظار ارسال: {n}</source>
        <translation>Waiting to send: {n}</translation>
    </message>
    <message>
        <source>بی‌پاسخ: {n}</source>
        <translation>Unanswered: {n}</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>بستن پیام</source>
        <translation>Close message</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>به‌دلیل تلاش‌های ناموفق پیاپی، ورود این کاربر موقتاً بسته است. {minutes} دقیقه دیگر دوباره تلاش کنید.</source>
        <translation>Sign-in for this user is locked after repeated failed attempts. Try again in {minutes} minutes.</translation>
    </message>
    <message>
        <source>سامانه شهرداری خواست کمی صبر شود. {minutes} دقیقه دیگر دوباره تلاش کنید.</source>
        <translation>The municipal system asked us to wait. Try again in {minutes} minutes.</translation>
    </message>
    <message>
        <source>نشست کاری شما پایان یافته است. لطفاً دوباره وارد شوید.</source>
        <translation>Your session has ended. Please sign in again.</translation>
    </message>
    <message>
        <source>نام کاربری، گذرواژه یا کد دفتر درست نیست.</source>
        <translation>The username, password or office code is not correct.</translation>
    </message>
    <message>
        <source>این کاربر اجازه این کار را ندارد.</source>
        <translation>This user is not allowed to do that.</translation>
    </message>
    <message>
        <source>مورد خواسته‌شده در سامانه شهرداری پیدا نشد.</source>
        <translation>The municipal system has no such record.</translation>
    </message>
    <message>
        <source>سامانه شهرداری این درخواست را به نشانی دیگری ({target}) فرستاد؛ برای امنیت، چیزی به آن نشانی فرستاده نشد. به واحد فناوری اطلاعات خبر دهید.</source>
        <translation>The municipal system redirected this request to another address ({target}); for security, nothing was sent there. Tell your IT unit.</translation>
    </message>
    <message>
        <source>سامانه شهرداری پاسخ نامنتظره‌ای داد. کمی بعد دوباره تلاش کنید.</source>
        <translation>The municipal system gave an unexpected answer. Try again shortly.</translation>
    </message>
    <message>
        <source>اطلاعات واردشده پذیرفته نشد. این موارد را بررسی کنید: {fields}</source>
        <translation>The information entered was not accepted. Check: {fields}</translation>
    </message>
    <message>
        <source>برای تاریخ این پرونده هیچ دفترچه تعرفه‌ای در دست نیست.</source>
        <translation>No tariff book is available for this case&apos;s date.</translation>
    </message>
    <message>
        <source>اطلاعات پرونده پذیرفته نشد: {reason}</source>
        <translation>The case information was not accepted: {reason}</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>{field}: {reason}</translation>
    </message>
    <message>
        <source>امضای دفترچه تعرفه {file} تأیید نشد؛ از این دفترچه استفاده نمی‌شود.</source>
        <translation>The signature of tariff book {file} could not be verified; the book is not used.</translation>
    </message>
    <message>
        <source>دفترچه تعرفه {file} معتبر نیست؛ از این دفترچه استفاده نمی‌شود.</source>
        <translation>Tariff book {file} is not valid; the book is not used.</translation>
    </message>
    <message>
        <source>ردیف {item} دفترچه تعرفه برای این پرونده محاسبه‌پذیر نیست. اطلاعات پرونده را بررسی کنید.</source>
        <translation>Item {item} of the tariff book cannot be computed for this case. Check the case information.</translation>
    </message>
    <message>
        <source>سند {number} اصیل است، اما اعتبار آن در {date} پایان یافته است.</source>
        <translation>Document {number} is genuine, but it expired on {date}.</translation>
    </message>
    <message>
        <source>این سند با کلیدی امضا شده که در فهرست کلیدهای معتبر نیست؛ اصالت آن تأیید نمی‌شود.</source>
        <translation>This document was signed with a key that is not on the trusted key list; it cannot be verified.</translation>
    </message>
    <message>
        <source>امضای این سند با محتوای آن نمی‌خواند: سند دست‌کاری یا جعل شده است.</source>
        <translation>This document&apos;s signature does not match its content: the document was altered or forged.</translation>
    </message>
    <message>
        <source>کد خوانده‌شده مهر سند نیست یا آسیب دیده است.</source>
        <translation>The code read is not a document seal, or it is damaged.</translation>
    </message>
    <message>
        <source>فهرست کلیدهای معتبر برنامه خوانده نشد. برنامه را دوباره نصب کنید یا به پشتیبانی خبر دهید.</source>
        <translation>The application&apos;s trusted key list could not be read. Reinstall the application or contact support.</translation>
    </message>
    <message>
        <source>مقدار واردشده</source>
        <translation>The value entered</translation>
    </message>
    <message>
        <source>{field} پذیرفته نشد.</source>
        <translation>{field} was not accepted.</translation>
    </message>
    <message>
        <source>دیسک این رایانه پر است و چیزی ذخیره نشد. جای خالی فراهم کنید و دوباره تلاش کنید.</source>
        <translation>This computer&apos;s disk is full and nothing was saved. Free some space and try again.</translation>
    </message>
    <message>
        <source>برنامه اجازه دسترسی به {path} را ندارد. دسترسی را بررسی کنید.</source>
        <translation>The application is not allowed to access {path}. Check its permissions.</translation>
    </message>
    <message>
        <source>برنامه اجازه دسترسی به این فایل یا پوشه را ندارد.</source>
        <translation>The application is not allowed to access this file or folder.</translation>
    </message>
    <message>
        <source>این دیسک یا پوشه فقط‌خواندنی است و چیزی روی آن ذخیره نشد.</source>
        <translation>This disk or folder is read-only and nothing was saved on it.</translation>
    </message>
    <message>
        <source>{path} پیدا نشد.</source>
        <translation>{path} was not found.</translation>
    </message>
    <message>
        <source>خواندن یا نوشتن فایل روی این رایانه انجام نشد.</source>
        <translation>A file on this computer could not be read or written.</translation>
    </message>
    <message>
        <source>اطلاعات واردشده پذیرفته نشد.</source>
        <translation>The entry was not accepted.</translation>
    </message>
    <message>
        <source>این کار هم‌اکنون در حال انجام است؛ کمی بعد دوباره تلاش کنید.</source>
        <translation>This action is already in progress; try again shortly.</translation>
    </message>
    <message>
        <source>سامانه شهرداری در زمان مقرر پاسخ نداد. اتصال شبکه را بررسی کنید و دوباره تلاش کنید.</source>
        <translation>The municipal system did not answer in time. Check the network connection and try again.</translation>
    </message>
    <message>
        <source>اتصال به سامانه شهرداری برقرار نیست. اتصال شبکه را بررسی کنید.</source>
        <translation>Cannot reach the municipal system. Check the network connection.</translation>
    </message>
    <message>
        <source>نشانی سامانه امن نیست یا گواهی امنیتی آن معتبر نیست؛ اتصال برقرار نشد.</source>
        <translation>The server address is not secure or its certificate is not valid; no connection was made.</translation>
    </message>
    <message>
        <source>سامانه شهرداری با خطا روبه‌رو شد. کمی بعد دوباره تلاش کنید.</source>
        <translation>The municipal system had an error. Try again shortly.</translation>
    </message>
    <message>
        <source>خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>An unexpected error occurred. The details are in the application log.</translation>
    </message>
</context>
<context>
    <name>NotesPage</name>
    <message>
        <source>یادداشت تحویل نوبت</source>
        <translation>Hand-over note</translation>
    </message>
    <message>
        <source>آنچه همکار نوبت بعد باید بداند بنویسید. متن هنگام نوشتن ذخیره می‌شود و اگر برنامه بسته شود از بین نمی‌رود. پس از تأیید، یادداشت از راه صف ارسال به سامانه شهرداری فرستاده می‌شود.</source>
        <translation>Write what the colleague on the next shift needs to know. The text is saved as you type and is not lost if the application closes. Once you confirm it, the note goes to the municipal system through the outbox.</translation>
    </message>
    <message>
        <source>متن یادداشت…</source>
        <translation>Note text…</translation>
    </message>
    <message>
        <source>ثبت یادداشت…</source>
        <translation>Record note…</translation>
    </message>
    <message>
        <source>این یادداشت ثبت و به سامانه شهرداری فرستاده شود؟ پس از تأیید، دیگر ویرایش نمی‌شود.</source>
        <translation>Record this note and send it to the municipal system? Once confirmed, it can no longer be edited.</translation>
    </message>
    <message>
        <source>تأیید و ارسال</source>
        <translation>Confirm and send</translation>
    </message>
    <message>
        <source>انصراف</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>یادداشت‌های ثبت‌شده در سامانه</source>
        <translation>Notes recorded in the system</translation>
    </message>
    <message>
        <source>یادداشت روی این رایانه نگه داشته شد و در صف ارسال است؛ هنوز به سامانه شهرداری نرسیده است.</source>
        <translation>The note is kept on this computer and is in the outbox; it has not reached the municipality yet.</translation>
    </message>
    <message>
        <source>یادداشت به سامانه شهرداری رسید و ثبت شد.</source>
        <translation>The note reached the municipality and was recorded.</translation>
    </message>
    <message>
        <source>سامانه شهرداری یادداشت را نپذیرفت؛ دلیل آن را در صفحه «صف ارسال» ببینید.</source>
        <translation>The municipality refused the note; see why on the Outbox page.</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره‌شده بازیابی شد.</source>
        <translation>The saved draft was restored.</translation>
    </message>
    <message>
        <source>در حال نوشتن…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره شد ({time}).</source>
        <translation>Draft saved ({time}).</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره نشد؛ متن را نبندید و دوباره تلاش کنید. جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>The draft was not saved; keep the text open and try again. The details are in the application log.</translation>
    </message>
    <message>
        <source>{count} از {limit} نویسه</source>
        <translation>{count} of {limit} characters</translation>
    </message>
    <message>
        <source>متن یادداشت خالی است؛ چیزی بنویسید.</source>
        <translation>The note text is empty; write something.</translation>
    </message>
    <message>
        <source>متن یادداشت بلندتر از {limit} نویسه است.</source>
        <translation>The note text is longer than {limit} characters.</translation>
    </message>
    <message>
        <source>یادداشت ثبت نشد: ذخیره در پایگاه داده این رایانه ممکن نشد. متن شما سر جایش است.</source>
        <translation>The note was not recorded: it could not be saved in this computer&apos;s database. Your text is still there.</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>در صف ارسال</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>در حال ارسال</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>انجام شد</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>رد شد</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>کل درخواست</source>
        <translation>The whole request</translation>
    </message>
    <message>
        <source>سامانه شهرداری ثبت کرد.</source>
        <translation>Recorded by the municipal system.</translation>
    </message>
    <message>
        <source>هم‌اکنون فرستاده می‌شود.</source>
        <translation>Being sent now.</translation>
    </message>
    <message>
        <source>پس از انجام گام‌های پیشین همین کار ارسال می‌شود.</source>
        <translation>It will be sent once the earlier steps of the same task are done.</translation>
    </message>
    <message>
        <source>در نوبت ارسال.</source>
        <translation>Waiting its turn to be sent.</translation>
    </message>
    <message>
        <source>سامانه در دسترس نبود و چیزی به آن نرسید؛ پس از برقراری اتصال ارسال می‌شود.</source>
        <translation>The system could not be reached and nothing got to it; it will be sent once the connection is back.</translation>
    </message>
    <message>
        <source>نتیجه نامعلوم</source>
        <translation>Outcome unknown</translation>
    </message>
    <message>
        <source>ارسال نشد</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <source>شناسه ارسال این کار</source>
        <translation>This action&apos;s sending key</translation>
    </message>
    <message>
        <source>پاسخ سامانه در زمان مقرر نرسید؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود.</source>
        <translation>The system did not answer in time; it may have been recorded. It will be asked again with the same key.</translation>
    </message>
    <message>
        <source>اتصال پیش از رسیدن پاسخ قطع شد؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود.</source>
        <translation>The connection broke before the answer arrived; it may have been recorded. It will be asked again with the same key.</translation>
    </message>
    <message>
        <source>برنامه هنگام ارسال بسته شد؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود.</source>
        <translation>The application closed while sending; it may have been recorded. It will be asked again with the same key.</translation>
    </message>
    <message>
        <source>سامانه هنوز در حال انجام همین کار است؛ کمی بعد دوباره پرسیده می‌شود.</source>
        <translation>The system is still handling this very action; it will be asked again shortly.</translation>
    </message>
    <message>
        <source>سامانه شهرداری با خطا روبه‌رو شد ({status})؛ کمی بعد با همان شناسه دوباره ارسال می‌شود.</source>
        <translation>The municipal system failed ({status}); it will be sent again shortly with the same key.</translation>
    </message>
    <message>
        <source>سامانه خواست کمی صبر شود؛ سپس دوباره ارسال می‌شود.</source>
        <translation>The system asked to wait a little; it will then be sent again.</translation>
    </message>
    <message>
        <source>نشست کاری پایان یافته است؛ پس از ورود دوباره ارسال می‌شود.</source>
        <translation>The session has ended; it will be sent after you sign in again.</translation>
    </message>
    <message>
        <source>پرسش از سامانه درباره نتیجه این کار بی‌پاسخ ماند؛ دوباره پرسیده می‌شود.</source>
        <translation>Asking the system what became of this action got no answer; it will be asked again.</translation>
    </message>
    <message>
        <source>گواهی امنیتی سامانه معتبر نیست؛ تا رفع آن چیزی ارسال نمی‌شود.</source>
        <translation>The system&apos;s security certificate is not valid; nothing is sent until that is fixed.</translation>
    </message>
    <message>
        <source>سامانه پاسخ نامنتظره‌ای داد؛ شاید ثبت شده باشد. با همان شناسه دوباره پرسیده می‌شود.</source>
        <translation>The system gave an unexpected answer; it may have been recorded. It will be asked again with the same key.</translation>
    </message>
    <message>
        <source>سامانه شهرداری این کار را نپذیرفت.</source>
        <translation>The municipal system refused this action.</translation>
    </message>
    <message>
        <source>ارسال نشد، چون سامانه گام {step} همین کار ({kind}) را نپذیرفت.</source>
        <translation>Not sent, because the system refused step {step} of the same task ({kind}).</translation>
    </message>
    <message>
        <source>تلاش برای ارسال با خطایی روی همین رایانه ناتمام ماند؛ کمی بعد با همان شناسه دوباره ارسال می‌شود.</source>
        <translation>The attempt to send failed because of an error on this computer; it will be sent again shortly with the same identifier.</translation>
    </message>
    <message>
        <source>نتیجه تلاش قبلی روشن نیست؛ با همان شناسه دوباره ارسال می‌شود.</source>
        <translation>The outcome of the last attempt is not known; it will be sent again with the same key.</translation>
    </message>
    <message>
        <source>خطای برنامه: سامانه این شناسه را با محتوای دیگری دیده است. به پشتیبانی خبر دهید.</source>
        <translation>Program defect: the system has seen this key with other content. Tell support.</translation>
    </message>
    <message>
        <source>{field}: {message}</source>
        <translation>{field}: {message}</translation>
    </message>
    <message>
        <source>سامانه نپذیرفت. {fields}</source>
        <translation>Refused by the system. {fields}</translation>
    </message>
    <message>
        <source>سامانه نپذیرفت (کد {status}).</source>
        <translation>Refused by the system (code {status}).</translation>
    </message>
</context>
<context>
    <name>OutboxPage</name>
    <message>
        <source>صف ارسال</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <source>تلاش دوباره اکنون</source>
        <translation>Try again now</translation>
    </message>
    <message>
        <source>هر کاری که تأیید می‌کنید اینجا ثبت و به سامانه شهرداری فرستاده می‌شود. اگر پاسخی نرسد، همان کار دوباره فرستاده می‌شود و سامانه آن را دو بار انجام نمی‌دهد. هیچ کاری از این فهرست پاک نمی‌شود.</source>
        <translation>Every action you confirm is recorded here and sent to the municipality&apos;s system. If no answer arrives, the same action is sent again and the system does not carry it out twice. Nothing is ever removed from this list.</translation>
    </message>
    <message>
        <source>شناسه پیگیری: {key}</source>
        <translation>Tracking id: {key}</translation>
    </message>
    <message>
        <source>زمان تأیید</source>
        <translation>Confirmed at</translation>
    </message>
    <message>
        <source>کار</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>شرح</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>تلاش‌ها</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>پایان یا تلاش بعدی</source>
        <translation>Finished or next attempt</translation>
    </message>
    <message>
        <source>وضعیت و علت</source>
        <translation>State and reason</translation>
    </message>
    <message>
        <source>کارهای منتظر همین حالا دوباره فرستاده شوند (با همان شناسه پیگیری).</source>
        <translation>Send the waiting actions again right now (with the same tracking ids).</translation>
    </message>
    <message>
        <source>اتصال به سامانه شهرداری برقرار نیست. کارها در این رایانه محفوظ‌اند و پس از برقراری اتصال فرستاده می‌شوند.</source>
        <translation>There is no connection to the municipal system. The actions are kept safe on this computer and will be sent once the connection is back.</translation>
    </message>
    <message>
        <source>نشست کاری پایان یافته است. کارها محفوظ‌اند و پس از ورود دوباره فرستاده می‌شوند.</source>
        <translation>The session has ended. The actions are kept safe and will be sent after you sign in again.</translation>
    </message>
    <message>
        <source>{kind} ({when}): {state} — {reason} {tracking_id}</source>
        <translation>{kind} ({when}): {state} — {reason} {tracking_id}</translation>
    </message>
    <message>
        <source>کاری در انتظار پاسخ شهرداری نیست.</source>
        <translation>Nothing is awaiting the municipality&apos;s answer.</translation>
    </message>
    <message>
        <source>در صف ({n})</source>
        <translation>Queued ({n})</translation>
    </message>
    <message>
        <source>در انتظار پاسخ شهرداری ({n})</source>
        <translation>Awaiting the municipality&apos;s answer ({n})</translation>
    </message>
    <message>
        <source>{n} کار به سامانه شهرداری فرستاده شده ولی پاسخ آن هنوز نرسیده است؛ شاید انجام شده باشد. برنامه با همان شناسه پیگیری می‌پرسد تا نتیجه روشن شود و هیچ کاری را خودکار برنمی‌گرداند. این کارها را از نو انجام ندهید.</source>
        <translation>{n} action(s) were sent to the municipality&apos;s system but its answer has not arrived yet; they may already have been carried out. The program keeps asking with the same tracking id until the outcome is clear, and never reverses anything by itself. Do not do these actions again.</translation>
    </message>
    <message>
        <source>{n} کار به‌دلیل خطای برنامه رد شد. به پشتیبانی خبر دهید و شناسه پیگیری کار را بدهید (با زدن اینتر یا دو بار کلیک روی سطر نشان داده می‌شود).</source>
        <translation>{n} action(s) were rejected because of a program error. Tell support and give them the action&apos;s tracking id (press Enter or double-click its row to see it).</translation>
    </message>
    <message>
        <source>ردشده ({n})</source>
        <translation>Rejected ({n})</translation>
    </message>
    <message>
        <source>انجام‌شده امروز ({n})</source>
        <translation>Done today ({n})</translation>
    </message>
    <message>
        <source>{n} کار برای نشانی دیگری از سامانه تأیید شده و تا ورود به همان نشانی منتظر می‌ماند.</source>
        <translation>{n} action(s) were confirmed for another system address and wait until you sign in there.</translation>
    </message>
    <message>
        <source>کاری در صف نیست.</source>
        <translation>Nothing is queued.</translation>
    </message>
    <message>
        <source>کاری رد نشده است.</source>
        <translation>No action was refused.</translation>
    </message>
    <message>
        <source>امروز هنوز کاری انجام نشده است.</source>
        <translation>Nothing done yet today.</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>میز کار</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>پیشخوان</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>صندوق</source>
        <translation>Cash desk</translation>
    </message>
    <message>
        <source>دفترخانه</source>
        <translation>Notary office</translation>
    </message>
    <message>
        <source>دفتر</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>میز امروز</source>
        <translation>Today&apos;s desk</translation>
    </message>
    <message>
        <source>پیش‌نمایش عوارض</source>
        <translation>Fee preview</translation>
    </message>
    <message>
        <source>ضوابط ملک</source>
        <translation>Parcel rules</translation>
    </message>
    <message>
        <source>درخواست پروانه ساختمانی</source>
        <translation>Building permit request</translation>
    </message>
    <message>
        <source>پیگیری درخواست‌ها</source>
        <translation>Request tracking</translation>
    </message>
    <message>
        <source>بستن صندوق</source>
        <translation>Close the cash desk</translation>
    </message>
    <message>
        <source>استعلام جدید</source>
        <translation>New inquiry</translation>
    </message>
    <message>
        <source>استعلام‌ها</source>
        <translation>Inquiries</translation>
    </message>
    <message>
        <source>بررسی اصالت سند</source>
        <translation>Verify a document</translation>
    </message>
    <message>
        <source>یادداشت تحویل نوبت</source>
        <translation>Shift hand-over note</translation>
    </message>
    <message>
        <source>صف ارسال</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <source>تنظیمات</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>ParcelFacts</name>
    <message>
        <source>مسکونی</source>
        <translation>Residential</translation>
    </message>
    <message>
        <source>تجاری</source>
        <translation>Commercial</translation>
    </message>
    <message>
        <source>اداری</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>صنعتی</source>
        <translation>Industrial</translation>
    </message>
    <message>
        <source>مختلط</source>
        <translation>Mixed use</translation>
    </message>
    <message>
        <source>فضای سبز</source>
        <translation>Green space</translation>
    </message>
    <message>
        <source>{value}٪</source>
        <translation>{value}%</translation>
    </message>
    <message>
        <source>مشخصات ملک</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <source>کد نوسازی</source>
        <translation>Renovation code</translation>
    </message>
    <message>
        <source>کد پستی</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>پلاک ثبتی</source>
        <translation>Registration plate</translation>
    </message>
    <message>
        <source>بخش ثبتی</source>
        <translation>Registry section</translation>
    </message>
    <message>
        <source>نشانی</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>مساحت زمین</source>
        <translation>Land area</translation>
    </message>
    <message>
        <source>بلوک و قیمت منطقه‌ای (P)</source>
        <translation>Block and regional value (P)</translation>
    </message>
    <message>
        <source>مالکان</source>
        <translation>Owners</translation>
    </message>
    <message>
        <source>ضوابط شهرسازی</source>
        <translation>Building rules</translation>
    </message>
    <message>
        <source>کاربری</source>
        <translation>Land use</translation>
    </message>
    <message>
        <source>تراکم ساختمانی</source>
        <translation>Density</translation>
    </message>
    <message>
        <source>سطح اشغال</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>حداکثر طبقات</source>
        <translation>Maximum floors</translation>
    </message>
    <message>
        <source>عقب‌نشینی از گذر (جلو)</source>
        <translation>Setback from the street (front)</translation>
    </message>
    <message>
        <source>عقب‌نشینی پشت</source>
        <translation>Back setback</translation>
    </message>
    <message>
        <source>عقب‌نشینی جانبی</source>
        <translation>Side setback</translation>
    </message>
    <message>
        <source>حداکثر سطح اشغال</source>
        <translation>Largest footprint</translation>
    </message>
    <message>
        <source>حداکثر زیربنای کل</source>
        <translation>Largest gross floor area</translation>
    </message>
    <message>
        <source>پهنه‌های طرح تفصیلی</source>
        <translation>Zones of the detailed plan</translation>
    </message>
    <message>
        <source>{value} متر</source>
        <translation>{value} m</translation>
    </message>
    <message>
        <source>{value} متر مربع</source>
        <translation>{value} m²</translation>
    </message>
    <message>
        <source>{name} — کد ملی {national_id} — {share}</source>
        <translation>{name} — national ID {national_id} — {share}</translation>
    </message>
    <message>
        <source>بلوک {block} — در جدول قیمت منطقه‌ای دفترچه نیست</source>
        <translation>Block {block} — not in the tariff book&apos;s table of regional values</translation>
    </message>
    <message>
        <source>بلوک {block} — P = {value} ریال بر متر مربع</source>
        <translation>Block {block} — P = {value} rials per m²</translation>
    </message>
    <message>
        <source>{allowed} (با عقب‌نشینی‌ها {drawn})</source>
        <translation>{allowed} ({drawn} within the setbacks)</translation>
    </message>
    <message>
        <source>{count} طبقه</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>{count} دانگ</source>
        <translation>{count} of 6 dang</translation>
    </message>
    <message>
        <source>سهم {share}</source>
        <translation>share {share}</translation>
    </message>
    <message>
        <source>پهنه {zone}: {share} از مساحت</source>
        <translation>Zone {zone}: {share} of the area</translation>
    </message>
    <message>
        <source>ضابطهٔ اعمال‌شده</source>
        <translation>the rule applied</translation>
    </message>
    <message>
        <source>این ملک در {count} پهنه قرار دارد. ضابطهٔ پهنهٔ بزرگ‌تر اعمال شده است: {zone}.</source>
        <translation>This parcel lies in {count} zones. The rule of the larger zone is applied: {zone}.</translation>
    </message>
    <message>
        <source>این ملک به‌تمامی در پهنه {zone} است.</source>
        <translation>This parcel lies wholly in zone {zone}.</translation>
    </message>
</context>
<context>
    <name>ParcelPage</name>
    <message>
        <source>ضوابط ملک</source>
        <translation>Parcel rules</translation>
    </message>
    <message>
        <source>کد نوسازی، کد پستی یا پلاک ثبتی</source>
        <translation>Renovation code, postal code or registration plate</translation>
    </message>
    <message>
        <source>جستجو</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>پاک کردن</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>ملک‌های پیداشده</source>
        <translation>Parcels found</translation>
    </message>
    <message>
        <source>ثبت درخواست پروانه برای این ملک</source>
        <translation>Request a building permit for this parcel</translation>
    </message>
    <message>
        <source>چاپ برگه ضوابط</source>
        <translation>Print the zoning sheet</translation>
    </message>
    <message>
        <source>ضوابط و مشخصات ملک</source>
        <translation>The parcel&apos;s rules and facts</translation>
    </message>
    <message>
        <source>نقشه قطعه</source>
        <translation>Parcel plan</translation>
    </message>
    <message>
        <source>کد را تایپ کنید یا با اسکنر بخوانید؛ نمونه‌ها: {code} ، {postal} ، {plate}</source>
        <translation>Type the code or scan it; for example {code}, {postal}, {plate}</translation>
    </message>
    <message>
        <source>در حال جستجوی {kind} {value}…</source>
        <translation>Searching for {kind} {value}…</translation>
    </message>
    <message>
        <source>کد دیگری را تایپ کنید یا با اسکنر بخوانید.</source>
        <translation>Type or scan another code.</translation>
    </message>
    <message>
        <source>هیچ ملکی با {kind} {value} پیدا نشد. کد را با سند یا قبض ملک مقایسه کنید.</source>
        <translation>No parcel has {kind} {value}. Compare the code with the parcel&apos;s deed or bill.</translation>
    </message>
    <message>
        <source>{count} ملک با {kind} {value} پیدا شد؛ یکی را انتخاب کنید (کلید ورود).</source>
        <translation>{count} parcels have {kind} {value}; choose one (Enter).</translation>
    </message>
    <message>
        <source>{shown} مورد نخست نشان داده شده است.</source>
        <translation>The first {shown} are shown.</translation>
    </message>
    <message>
        <source>{code} — پلاک {plate} — {area} متر مربع — {address}</source>
        <translation>{code} — plate {plate} — {area} m² — {address}</translation>
    </message>
    <message>
        <source>ملک {code} — {address}</source>
        <translation>Parcel {code} — {address}</translation>
    </message>
    <message>
        <source>برگه ضوابط به چاپگر «{printer}» فرستاده شد.</source>
        <translation>The zoning sheet was sent to the printer “{printer}”.</translation>
    </message>
</context>
<context>
    <name>ParcelSearch</name>
    <message>
        <source>کد نوسازی</source>
        <translation>renovation code</translation>
    </message>
    <message>
        <source>کد پستی</source>
        <translation>postal code</translation>
    </message>
    <message>
        <source>پلاک ثبتی</source>
        <translation>registration plate</translation>
    </message>
    <message>
        <source>کد نوسازی، کد پستی یا پلاک ثبتی ملک را وارد یا اسکن کنید.</source>
        <translation>Type or scan the parcel&apos;s renovation code, postal code or registration plate.</translation>
    </message>
    <message>
        <source>پلاک ثبتی به شکل اصلی/فرعی است، مانند {plate}.</source>
        <translation>A registration plate is main/sub, e.g. {plate}.</translation>
    </message>
    <message>
        <source>«{text}» کد نوسازی، کد پستی یا پلاک ثبتی نیست. نمونه‌ها: {examples}</source>
        <translation>“{text}” is not a renovation code, postal code or registration plate. Examples: {examples}</translation>
    </message>
    <message>
        <source>کد پستی ده رقم است؛ {count} رقم وارد شد.</source>
        <translation>A postal code has ten digits; {count} were typed.</translation>
    </message>
    <message>
        <source>این عدد کد پستی (ده رقم) یا کد نوسازی (شش بخش) نیست.</source>
        <translation>This number is neither a postal code (ten digits) nor a renovation code (six parts).</translation>
    </message>
    <message>
        <source>کد نوسازی شش بخش دارد: منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان، مانند {example}.</source>
        <translation>A renovation code has six parts: region-district-block-parcel-building-apartment, e.g. {example}.</translation>
    </message>
</context>
<context>
    <name>ParcelSketch</name>
    <message>
        <source>نقشه این قطعه در دسترس نیست.</source>
        <translation>The plan of this parcel is not available.</translation>
    </message>
    <message>
        <source>{street} — عرض {width} متر</source>
        <translation>Street: {street} ({width} m wide)</translation>
    </message>
    <message>
        <source>نقشه قطعه</source>
        <translation>Parcel plan</translation>
    </message>
    <message>
        <source>شمال</source>
        <translation>N</translation>
    </message>
    <message>
        <source>{value} م</source>
        <translation>{value} m</translation>
    </message>
    <message>
        <source>حداکثر سطح اشغال</source>
        <translation>Largest footprint</translation>
    </message>
    <message>
        <source>{value} متر مربع</source>
        <translation>{value} m²</translation>
    </message>
    <message>
        <source>حیاط</source>
        <translation>Courtyard</translation>
    </message>
    <message>
        <source>عقب‌نشینی</source>
        <translation>Setback</translation>
    </message>
    <message>
        <source>{value} متر</source>
        <translation>{value} m</translation>
    </message>
</context>
<context>
    <name>ParcelStep</name>
    <message>
        <source>ملک</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <source>منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان</source>
        <translation>region-district-block-parcel-building-apartment</translation>
    </message>
    <message>
        <source>کد نوسازی</source>
        <translation>Renovation code</translation>
    </message>
    <message>
        <source>جستجوی ملک</source>
        <translation>Look up parcel</translation>
    </message>
    <message>
        <source>نشانی</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>مساحت عرصه</source>
        <translation>Land area</translation>
    </message>
    <message>
        <source>ضوابط</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>حدود مجاز</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>حداکثر سطح اشغال {footprint} م²؛ حداکثر زیربنا {gross} م²؛ عقب‌نشینی از گذر {front}، پشت {back}، جانبی {side} متر</source>
        <translation>Largest footprint {footprint} m²; largest gross floor area {gross} m²; setbacks from the street {front}, back {back}, side {side} m</translation>
    </message>
    <message>
        <source>{name} — کد ملی {national_id} — {share}</source>
        <translation>Owner {name} — national ID {national_id} — {share}</translation>
    </message>
    <message>
        <source>{count} دانگ</source>
        <translation>{count} of 6 shares (dang)</translation>
    </message>
    <message>
        <source>سهم {share}</source>
        <translation>share {share}</translation>
    </message>
    <message>
        <source>پهنه</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>مالکان</source>
        <translation>Owners</translation>
    </message>
    <message>
        <source>در حال جستجوی ملک {code}…</source>
        <translation>Looking up parcel {code}…</translation>
    </message>
    <message>
        <source>ملکی با کد نوسازی {code} در سامانه نیست.</source>
        <translation>No parcel with renovation code {code} exists in the system.</translation>
    </message>
    <message>
        <source>ملک پیدا نشد: {reason}</source>
        <translation>Parcel not found: {reason}</translation>
    </message>
    <message>
        <source>{area} متر مربع — بلوک {block} — پلاک ثبتی {plate}</source>
        <translation>{area} m² — block {block} — registration plate {plate}</translation>
    </message>
    <message>
        <source>کاربری {use}؛ تراکم {density}٪؛ سطح اشغال {coverage}٪؛ حداکثر {floors} طبقه</source>
        <translation>Land use {use}; density {density}%; coverage {coverage}%; at most {floors} floors</translation>
    </message>
    <message>
        <source>{zone} ({share}٪)</source>
        <translation>{zone} ({share}%)</translation>
    </message>
    <message>
        <source>ملک در چند پهنه است؛ ضابطه پهنه {zone} (بیشترین سهم) اعمال می‌شود.</source>
        <translation>The parcel lies in several zones; the rule of zone {zone} (the largest share) applies.</translation>
    </message>
    <message>
        <source>مالکی ثبت نشده است</source>
        <translation>No owner is recorded</translation>
    </message>
</context>
<context>
    <name>PartiesEditor</name>
    <message>
        <source>افزودن طرف</source>
        <translation>Add party</translation>
    </message>
    <message>
        <source>نقش، نام، و کد ملی (۱۰ رقم) یا شناسه ملی شخص حقوقی (۱۱ رقم)</source>
        <translation>Role, name, and national ID (10 digits) or legal-entity ID (11 digits)</translation>
    </message>
    <message>
        <source>نقش طرف {n}</source>
        <translation>Role of party {n}</translation>
    </message>
    <message>
        <source>کد ملی یا شناسه ملی طرف {n}</source>
        <translation>National ID or legal-entity ID of party {n}</translation>
    </message>
    <message>
        <source>نام طرف {n}</source>
        <translation>Name of party {n}</translation>
    </message>
</context>
<context>
    <name>PartyRow</name>
    <message>
        <source>حذف</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>نقش طرف {n}</source>
        <translation>Role of party {n}</translation>
    </message>
    <message>
        <source>نام طرف {n}</source>
        <translation>Name of party {n}</translation>
    </message>
    <message>
        <source>نام و نام خانوادگی یا نام شرکت/بانک</source>
        <translation>Full name, or the company&apos;s or bank&apos;s name</translation>
    </message>
    <message>
        <source>کد ملی یا شناسه ملی طرف {n}</source>
        <translation>National ID or legal-entity ID of party {n}</translation>
    </message>
    <message>
        <source>حذف طرف {n}</source>
        <translation>Remove party {n}</translation>
    </message>
</context>
<context>
    <name>PayForm</name>
    <message>
        <source>۱۲ رقم، از رسید کارت‌خوان</source>
        <translation>12 digits, from the terminal&apos;s slip</translation>
    </message>
    <message>
        <source>۶ رقم</source>
        <translation>6 digits</translation>
    </message>
    <message>
        <source>پرداخت</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>میان‌بر: Ctrl+Enter</source>
        <translation>Shortcut: Ctrl+Enter</translation>
    </message>
    <message>
        <source>مبلغ کشیده‌شده با کارت‌خوان (ریال)</source>
        <translation>Card terminal amount (rials)</translation>
    </message>
    <message>
        <source>شماره مرجع تراکنش</source>
        <translation>Reference number (RRN)</translation>
    </message>
    <message>
        <source>شماره پیگیری کارت‌خوان</source>
        <translation>Terminal trace number</translation>
    </message>
    <message>
        <source>شماره کارت (پوشیده)</source>
        <translation>Card number (masked)</translation>
    </message>
    <message>
        <source>نام پرداخت‌کننده</source>
        <translation>Payer&apos;s name</translation>
    </message>
    <message>
        <source>کد ملی پرداخت‌کننده</source>
        <translation>Payer&apos;s national ID</translation>
    </message>
    <message>
        <source>جمع قبض‌های انتخاب‌شده:</source>
        <translation>Total of the chosen bills:</translation>
    </message>
    <message>
        <source>{amount} ریال</source>
        <translation>{amount} rials</translation>
    </message>
    <message>
        <source>هیچ قبضی برای پرداخت انتخاب نشده است</source>
        <translation>no bill is chosen for payment</translation>
    </message>
    <message>
        <source>با جمع قبض‌ها ({total} ریال) برابر نیست</source>
        <translation>does not equal the bills&apos; total ({total} rials)</translation>
    </message>
    <message>
        <source>قبض‌ها: {message}</source>
        <translation>Bills: {message}</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <source>ساعت</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>شماره رسید</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>قبض‌ها</source>
        <translation>Bills</translation>
    </message>
    <message>
        <source>مبلغ (ریال)</source>
        <translation>Amount (rials)</translation>
    </message>
    <message>
        <source>وضعیت</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>ابطال در انتظار تأیید شهرداری</source>
        <translation>Void awaiting the municipality&apos;s confirmation</translation>
    </message>
    <message>
        <source>باطل‌شده</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>پرداخت‌شده</source>
        <translation>Paid</translation>
    </message>
</context>
<context>
    <name>PaymentsPanel</name>
    <message>
        <source>پرداخت‌های امروز این صندوق</source>
        <translation>Today&apos;s payments at this desk</translation>
    </message>
    <message>
        <source>چاپ المثنی</source>
        <translation>Print a duplicate</translation>
    </message>
    <message>
        <source>میان‌بر: Ctrl+P</source>
        <translation>Shortcut: Ctrl+P</translation>
    </message>
    <message>
        <source>ابطال…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>دلیل ابطال (لازم)</source>
        <translation>Reason for the void (required)</translation>
    </message>
    <message>
        <source>ابطال شود</source>
        <translation>Void it</translation>
    </message>
    <message>
        <source>انصراف</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>رسید {number} به مبلغ {amount} ریال باطل شود؟ ابطال حذف نیست: با دلیل در سامانه ثبت می‌شود.</source>
        <translation>Void receipt {number} of {amount} rials? A void is not a deletion: it is recorded with its reason.</translation>
    </message>
    <message>
        <source>دلیل ابطال: لازم است</source>
        <translation>Reason for the void: required</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>پیش‌نمایش چاپ</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>چاپگر رسید:</source>
        <translation>Receipt printer:</translation>
    </message>
    <message>
        <source>چاپگر A4:</source>
        <translation>A4 printer:</translation>
    </message>
    <message>
        <source>چاپ</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>بستن</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>— انتخاب چاپگر —</source>
        <translation>— choose a printer —</translation>
    </message>
    <message>
        <source>هیچ چاپگری روی این رایانه نصب نشده است. ابتدا چاپگر را نصب کنید.</source>
        <translation>No printer is installed on this computer. Install a printer first.</translation>
    </message>
    <message>
        <source>چاپگر «{name}» روی این رایانه پیدا نشد. چاپگر دیگری انتخاب کنید.</source>
        <translation>The printer “{name}” was not found on this computer. Choose another printer.</translation>
    </message>
    <message>
        <source>در حال ارسال به چاپگر…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>به چاپگر «{printer}» فرستاده شد ({pages} صفحه).</source>
        <translation>Sent to the printer “{printer}” ({pages} pages).</translation>
    </message>
    <message>
        <source>چاپ با خطای پیش‌بینی‌نشده‌ای متوقف شد. جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>Printing stopped with an unexpected error. The details are in the application log.</translation>
    </message>
</context>
<context>
    <name>PermitApplicantStep</name>
    <message>
        <source>نام و نام خانوادگی کامل لازم است</source>
        <translation>a full first and last name is needed</translation>
    </message>
    <message>
        <source>بیش از ۱۲۰ نویسه است</source>
        <translation>is longer than 120 characters</translation>
    </message>
    <message>
        <source>بیش از ۴۰ نویسه است</source>
        <translation>is longer than 40 characters</translation>
    </message>
</context>
<context>
    <name>PermitAttachmentsStep</name>
    <message>
        <source>{n} مگابایت</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <source>{n} کیلوبایت</source>
        <translation>{n} KB</translation>
    </message>
    <message>
        <source>سند مالکیت</source>
        <translation>Deed</translation>
    </message>
    <message>
        <source>کارت ملی</source>
        <translation>ID card</translation>
    </message>
    <message>
        <source>نقشه‌ها</source>
        <translation>Plans</translation>
    </message>
    <message>
        <source>وکالت‌نامه</source>
        <translation>Power of attorney</translation>
    </message>
</context>
<context>
    <name>PermitChecks</name>
    <message>
        <source>ضابطه تعداد طبقات: ساختمان {count} طبقه روی زمین دارد، بیش از {allowed} طبقه‌ای که ضوابط این ملک اجازه می‌دهد.</source>
        <translation>Number of floors rule: the building has {count} floors above ground, more than the {allowed} this parcel’s rules allow.</translation>
    </message>
    <message>
        <source>ضابطه سطح اشغال: بزرگ‌ترین طبقه {area} متر مربع است، بیش از سطح اشغال مجاز {allowed} متر مربع ({percent}٪ مساحت عرصه).</source>
        <translation>Coverage rule: the largest floor is {area} m², more than the {allowed} m² footprint allowed ({percent}% of the land area).</translation>
    </message>
    <message>
        <source>ضابطه تراکم: زیربنای روی زمین {area} متر مربع است، بیش از زیربنای مجاز {allowed} متر مربع ({percent}٪ مساحت عرصه).</source>
        <translation>Density rule: the floor area above ground is {area} m², more than the {allowed} m² allowed ({percent}% of the land area).</translation>
    </message>
    <message>
        <source>ضابطه عقب‌نشینی: بزرگ‌ترین طبقه {area} متر مربع است، اما پس از عقب‌نشینی‌های جلو، عقب و کنار فقط {allowed} متر مربع از زمین قابل ساخت است.</source>
        <translation>Setbacks rule: the largest floor is {area} m², but after the front, back and side setbacks only {allowed} m² of the land can be built on.</translation>
    </message>
</context>
<context>
    <name>PermitParcelStep</name>
    <message>
        <source>باید به شکل منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان باشد، مانند {example}</source>
        <translation>must look like region-district-block-parcel-building-apartment, e.g. {example}</translation>
    </message>
</context>
<context>
    <name>PermitRequestDetail</name>
    <message>
        <source>ثبت درخواست تازه برای این ملک</source>
        <translation>New request for this parcel</translation>
    </message>
    <message>
        <source>وضعیت</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>زمان</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>توضیح</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>مشخصات درخواست</source>
        <translation>Request details</translation>
    </message>
    <message>
        <source>سوابق وضعیت</source>
        <translation>Status history</translation>
    </message>
    <message>
        <source>عوارض</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>درخواستی را از فهرست برگزینید یا شماره پیگیری آن را وارد کنید.</source>
        <translation>Choose a request in the list, or enter its tracking number.</translation>
    </message>
    <message>
        <source>در حال خواندن درخواست {label}…</source>
        <translation>Reading request {label}…</translation>
    </message>
    <message>
        <source>در حال به‌روزرسانی…</source>
        <translation>Updating…</translation>
    </message>
    <message>
        <source>درخواست {tracking}</source>
        <translation>Request {tracking}</translation>
    </message>
    <message>
        <source>درخواست بی‌شماره (پیش‌نویس)</source>
        <translation>Request without a number (draft)</translation>
    </message>
    <message>
        <source>مشخصات ساختمان در این درخواست نیست؛ عوارضی برای نشان دادن نیست.</source>
        <translation>This request has no building details, so there are no fees to show.</translation>
    </message>
    <message>
        <source>متقاضی</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>نام</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>کد ملی</source>
        <translation>National ID</translation>
    </message>
    <message>
        <source>تلفن همراه</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>وکالت‌نامه</source>
        <translation>Power of attorney</translation>
    </message>
    <message>
        <source>ملک</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <source>کد نوسازی</source>
        <translation>Renovation code</translation>
    </message>
    <message>
        <source>نشانی</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>پلاک ثبتی</source>
        <translation>Registration plate</translation>
    </message>
    <message>
        <source>مساحت عرصه</source>
        <translation>Land area</translation>
    </message>
    <message>
        <source>{area} م²</source>
        <translation>{area} m²</translation>
    </message>
    <message>
        <source>کاربری</source>
        <translation>Land use</translation>
    </message>
    <message>
        <source>اطلاعات ملک</source>
        <translation>Parcel details</translation>
    </message>
    <message>
        <source>ساختمان</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>پیوست‌ها</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>{kb} کیلوبایت</source>
        <translation>{kb} KB</translation>
    </message>
    <message>
        <source>پیوستی ندارد</source>
        <translation>No attachments</translation>
    </message>
    <message>
        <source>مشخصات ساختمان ثبت نشده است</source>
        <translation>No building details were filed</translation>
    </message>
    <message>
        <source>{level}: {use} {area} م²</source>
        <translation>{level}: {use} {area} m²</translation>
    </message>
    <message>
        <source>طبقات</source>
        <translation>Floors</translation>
    </message>
    <message>
        <source>کل زیربنا</source>
        <translation>Total floor area</translation>
    </message>
    <message>
        <source>{area} م² در {units} واحد</source>
        <translation>{area} m² in {units} units</translation>
    </message>
    <message>
        <source>پارکینگ</source>
        <translation>Parking</translation>
    </message>
    <message>
        <source>{provided} از {required} لازم</source>
        <translation>{provided} of {required} required</translation>
    </message>
    <message>
        <source>بالکن</source>
        <translation>Balcony</translation>
    </message>
</context>
<context>
    <name>PermitRequestTexts</name>
    <message>
        <source>پیش‌نویس</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>ثبت‌شده</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>در حال بررسی</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>عوارض تعیین‌شده</source>
        <translation>Fees assessed</translation>
    </message>
    <message>
        <source>پرداخت‌شده</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>پروانه صادرشده</source>
        <translation>Permit issued</translation>
    </message>
    <message>
        <source>پایان کار</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>ردشده</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>عوارض تعیین شد: {total} ریال. برای پرداخت به صندوق همین دفتر مراجعه کنید.</source>
        <translation>The fees are set: {total} rials. Pay them at this office&apos;s cash desk.</translation>
    </message>
    <message>
        <source>عوارض تعیین شد؛ برای پرداخت به صندوق همین دفتر مراجعه کنید.</source>
        <translation>The fees are set; pay them at this office&apos;s cash desk.</translation>
    </message>
    <message>
        <source>درخواست رد شد. دلیل: {reason}. درخواست را اصلاح و درخواست تازه‌ای ثبت کنید.</source>
        <translation>The request was rejected. Reason: {reason}. Correct it and file a new request.</translation>
    </message>
    <message>
        <source>درخواست رد شد. دلایل: {reasons}. درخواست را اصلاح و درخواست تازه‌ای ثبت کنید.</source>
        <translation>The request was rejected. Reasons: {reasons}. Correct it and file a new request.</translation>
    </message>
    <message>
        <source>درخواست رد شد. درخواست را اصلاح و درخواست تازه‌ای ثبت کنید.</source>
        <translation>The request was rejected. Correct it and file a new request.</translation>
    </message>
    <message>
        <source>درخواست هنوز ثبت نهایی نشده و شماره پیگیری ندارد؛ ارسال آن را در «صف ارسال» دنبال کنید.</source>
        <translation>The request is not submitted yet and has no tracking number; follow its sending in the Outbox.</translation>
    </message>
    <message>
        <source>منتظر بررسی شهرداری بمانید؛ نتیجه با پیامک اعلام می‌شود.</source>
        <translation>Wait for the municipality&apos;s review; the result is sent by text message.</translation>
    </message>
    <message>
        <source>پرونده در شهرداری در حال بررسی است؛ پس از تعیین عوارض با پیامک خبر داده می‌شود.</source>
        <translation>The municipality is reviewing the file; a text message follows once the fees are set.</translation>
    </message>
    <message>
        <source>عوارض پرداخت شده است؛ صدور پروانه با پیامک اعلام می‌شود.</source>
        <translation>The fees are paid; a text message follows when the permit is issued.</translation>
    </message>
    <message>
        <source>پروانه ساختمانی صادر شد. ساخت را مطابق پروانه انجام دهید و پس از پایان ساخت، گواهی پایان کار بخواهید.</source>
        <translation>The building permit is issued. Build as the permit says, and once the building is finished, ask for the completion certificate.</translation>
    </message>
    <message>
        <source>گواهی پایان کار صادر شده و پرونده بسته است؛ کار دیگری لازم نیست.</source>
        <translation>The completion certificate is issued and the file is closed; nothing else is needed.</translation>
    </message>
    <message>
        <source>وضعیت این درخواست در این نسخه برنامه شناخته نیست؛ با شهرداری تماس بگیرید.</source>
        <translation>This version of the program does not know this request&apos;s status; contact the municipality.</translation>
    </message>
    <message>
        <source>سند مالکیت</source>
        <translation>Title deed</translation>
    </message>
    <message>
        <source>کارت ملی</source>
        <translation>National ID card</translation>
    </message>
    <message>
        <source>نقشه</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>وکالت‌نامه</source>
        <translation>Power of attorney</translation>
    </message>
    <message>
        <source>سایر</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>مسکونی</source>
        <translation>Residential</translation>
    </message>
    <message>
        <source>تجاری</source>
        <translation>Commercial</translation>
    </message>
    <message>
        <source>اداری</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>صنعتی</source>
        <translation>Industrial</translation>
    </message>
    <message>
        <source>انبار</source>
        <translation>Storage</translation>
    </message>
    <message>
        <source>نیم‌طبقه</source>
        <translation>Mezzanine</translation>
    </message>
    <message>
        <source>همکف</source>
        <translation>Ground floor</translation>
    </message>
    <message>
        <source>زیرزمین {n}</source>
        <translation>Basement {n}</translation>
    </message>
    <message>
        <source>طبقه {n}</source>
        <translation>Floor {n}</translation>
    </message>
    <message>
        <source>ردیف {n}</source>
        <translation>Row {n}</translation>
    </message>
</context>
<context>
    <name>PermitRequestsPage</name>
    <message>
        <source>پیگیری درخواست‌ها</source>
        <translation>Request tracking</translation>
    </message>
    <message>
        <source>شماره پیگیری (تایپ یا بارکدخوان)</source>
        <translation>Tracking number (typed or scanned)</translation>
    </message>
    <message>
        <source>شماره پیگیری</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <source>متقاضی</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>کد ملی</source>
        <translation>National ID</translation>
    </message>
    <message>
        <source>کد نوسازی</source>
        <translation>Renovation code</translation>
    </message>
    <message>
        <source>وضعیت</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>تاریخ ثبت</source>
        <translation>Filed on</translation>
    </message>
    <message>
        <source>عوارض (ریال)</source>
        <translation>Fees (rials)</translation>
    </message>
    <message>
        <source>باز کردن</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>به‌روزرسانی</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>فهرست و درخواست باز را دوباره از سامانه بخوان</source>
        <translation>Read the list and the open request again from the system</translation>
    </message>
    <message>
        <source>درخواستی با این فیلترها نیست.</source>
        <translation>No request matches these filters.</translation>
    </message>
    <message>
        <source>این دفتر هنوز درخواست پروانه‌ای ثبت نکرده است.</source>
        <translation>This office has not filed any permit request yet.</translation>
    </message>
    <message>
        <source>«{text}» شماره پیگیری نیست؛ شماره‌ای مانند PR-100001 وارد کنید.</source>
        <translation>“{text}” is not a tracking number; enter one such as PR-100001.</translation>
    </message>
    <message>
        <source>درخواستی با شماره پیگیری {number} در این دفتر پیدا نشد.</source>
        <translation>No request of this office has the tracking number {number}.</translation>
    </message>
    <message>
        <source>درخواست خوانده نشد: {reason}</source>
        <translation>The request could not be read: {reason}</translation>
    </message>
</context>
<context>
    <name>PermitWizardPage</name>
    <message>
        <source>درخواست به شهرداری رسید و ثبت شد.</source>
        <translation>The request reached the municipality and was registered.</translation>
    </message>
    <message>
        <source>در حال چاپ رسید…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <source>رسید ثبت درخواست روی چاپگر {printer} چاپ شد.</source>
        <translation>The application receipt was printed on {printer}.</translation>
    </message>
    <message>
        <source>رسید چاپ نشد: {reason}</source>
        <translation>The receipt was not printed: {reason}</translation>
    </message>
    <message>
        <source>{first}، {second}</source>
        <translation>{first}, {second}</translation>
    </message>
    <message>
        <source>کد نوسازی {code} — {area} متر مربع — {address}</source>
        <translation>Renovation code {code} — {area} m² — {address}</translation>
    </message>
    <message>
        <source>{name} — کد ملی {national_id}</source>
        <translation>{name} — national ID {national_id}</translation>
    </message>
    <message>
        <source>همراه {mobile}</source>
        <translation>mobile {mobile}</translation>
    </message>
    <message>
        <source>وکالت‌نامه {number}</source>
        <translation>power of attorney {number}</translation>
    </message>
    <message>
        <source>{floors} ردیف طبقه، زیربنای کل {area} م²، {units} واحد؛ پارکینگ {provided} از {required}</source>
        <translation>{floors} floor rows, total area {area} m², {units} units; parking {provided} of {required}</translation>
    </message>
    <message>
        <source>{amount} ریال (برآورد؛ مبلغ قطعی را شهرداری اعلام می‌کند)</source>
        <translation>{amount} rials (estimate; the municipality sets the final amount)</translation>
    </message>
    <message>
        <source>ملک هنوز پیدا نشده است؛ کد نوسازی را جستجو کنید</source>
        <translation>The parcel has not been found yet; look up the renovation code</translation>
    </message>
    <message>
        <source>بررسی پرونده هنوز تمام نشده است</source>
        <translation>A file is still being checked</translation>
    </message>
    <message>
        <source>هنوز پیوست نشده: {names}</source>
        <translation>Not attached yet: {names}</translation>
    </message>
    <message>
        <source>پیش از ارسال، مرحله «{step}» را کامل کنید: {problem}</source>
        <translation>Before sending, complete the “{step}” step: {problem}</translation>
    </message>
    <message>
        <source>ملک</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <source>متقاضی</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>ساختمان</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>پیوست‌ها</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>بررسی و ثبت</source>
        <translation>Review and send</translation>
    </message>
    <message>
        <source>در حال آماده‌سازی درخواست…</source>
        <translation>Preparing the request…</translation>
    </message>
    <message>
        <source>پیش‌نویس با ثبت درخواست در صف ارسال بسته شد.</source>
        <translation>The draft was closed when the request was queued for sending.</translation>
    </message>
    <message>
        <source>درخواست روی این رایانه ثبت شد و در صف ارسال است؛ هنوز به شهرداری نرسیده است. پس از پاسخ شهرداری، شماره پیگیری نمایش داده و رسید چاپ می‌شود.</source>
        <translation>The request is recorded on this computer and waiting in the outbox; it has not reached the municipality yet. Once the municipality answers, the tracking number is shown and the receipt printed.</translation>
    </message>
    <message>
        <source>درخواست ثبت نشد: {reason} همه فیلدها سر جای خود است.</source>
        <translation>The request was not recorded: {reason} Every field is still in place.</translation>
    </message>
    <message>
        <source>شهرداری درخواست را نپذیرفت: {reason}</source>
        <translation>The municipality refused the request: {reason}</translation>
    </message>
    <message>
        <source>شهرداری پیوست‌ها را نپذیرفت: {reason}</source>
        <translation>The municipality refused the attachments: {reason}</translation>
    </message>
    <message>
        <source>شهرداری نپذیرفت — {sentence}</source>
        <translation>The municipality refused — {sentence}</translation>
    </message>
    <message>
        <source>نسخه پیوست {name} روی این رایانه نیست یا تغییر کرده است؛ آن را دوباره پیوست کنید.</source>
        <translation>The copy of the attachment {name} is no longer on this computer or has changed; attach it again.</translation>
    </message>
    <message>
        <source>درخواست پروانه ساختمانی</source>
        <translation>Building permit request</translation>
    </message>
    <message>
        <source>میان‌بر: Alt+{n}</source>
        <translation>Shortcut: Alt+{n}</translation>
    </message>
    <message>
        <source>قبلی</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>بعدی</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>شروع دوباره…</source>
        <translation>Start over…</translation>
    </message>
    <message>
        <source>همه فیلدها و پیوست‌های این درخواست پاک شود و درخواست تازه‌ای آغاز شود؟</source>
        <translation>Clear every field and attachment of this request and start a new one?</translation>
    </message>
    <message>
        <source>پاک کن و از نو</source>
        <translation>Clear and start over</translation>
    </message>
    <message>
        <source>انصراف</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره‌شده بازیابی شد.</source>
        <translation>The saved draft was restored.</translation>
    </message>
    <message>
        <source>در حال نوشتن…</source>
        <translation>Typing…</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره شد.</source>
        <translation>Draft saved.</translation>
    </message>
    <message>
        <source>پیش‌نویس ذخیره نشد؛ برنامه را نبندید و دوباره تلاش کنید. جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>The draft was not saved; do not close the program, and try again. Details are in the program&apos;s log.</translation>
    </message>
    <message>
        <source>درخواست تازه؛ پیش‌نویس قبلی پاک شد.</source>
        <translation>New request; the previous draft was cleared.</translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message>
        <source>چاپ انجام نشد.</source>
        <translation>Printing failed.</translation>
    </message>
    <message>
        <source>هیچ چاپگری روی این رایانه نصب نشده است. ابتدا چاپگر را نصب کنید.</source>
        <translation>No printer is installed on this computer. Install a printer first.</translation>
    </message>
    <message>
        <source>چاپگر رسید انتخاب نشده است. یک چاپگر انتخاب کنید.</source>
        <translation>No receipt printer is chosen. Choose a printer.</translation>
    </message>
    <message>
        <source>چاپگر A4 انتخاب نشده است. یک چاپگر انتخاب کنید.</source>
        <translation>No A4 printer is chosen. Choose a printer.</translation>
    </message>
    <message>
        <source>چاپگر «{name}» روی این رایانه پیدا نشد. چاپگر دیگری انتخاب کنید.</source>
        <translation>The printer “{name}” was not found on this computer. Choose another printer.</translation>
    </message>
    <message>
        <source>چاپ به چاپگر ممکن نیست و برنامه به‌جای آن فقط فایل می‌ساخت؛ چاپ متوقف شد. چاپگر را بررسی کنید.</source>
        <translation>This printer cannot be printed to: the application would only have written a file instead, so printing was stopped. Check the printer.</translation>
    </message>
    <message>
        <source>چاپگر «{name}» متوقف است یا خطا دارد. آن را بررسی و دوباره تلاش کنید.</source>
        <translation>The printer “{name}” is stopped or has an error. Check it and try again.</translation>
    </message>
    <message>
        <source>صف چاپ کار را نپذیرفت: {detail}</source>
        <translation>The print queue did not accept the job: {detail}</translation>
    </message>
    <message>
        <source>سند {number} پیش‌تر چاپ شده است؛ برای چاپ دوباره، نسخه المثنی چاپ کنید.</source>
        <translation>Document {number} has already been printed; to print it again, print a duplicate (المثنی).</translation>
    </message>
    <message>
        <source>فایل سند خوانده نشد و چاپ نشد.</source>
        <translation>The document file could not be read and was not printed.</translation>
    </message>
    <message>
        <source>سند چاپ شد اما در بایگانی ذخیره نشد: {detail}</source>
        <translation>The document was printed but not saved in the archive: {detail}</translation>
    </message>
    <message>
        <source>چاپگر آماده نشد</source>
        <translation>the printer did not get ready</translation>
    </message>
    <message>
        <source>صفحه تازه ساخته نشد</source>
        <translation>a new page could not be started</translation>
    </message>
    <message>
        <source>چاپگر کار را به پایان نرساند</source>
        <translation>the printer did not finish the job</translation>
    </message>
</context>
<context>
    <name>ReconciliationModel</name>
    <message>
        <source>تطبیق</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>ساعت</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>شناسه تراکنش</source>
        <translation>Transaction ID</translation>
    </message>
    <message>
        <source>شماره رسید</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>مبلغ (ریال)</source>
        <translation>Amount (rials)</translation>
    </message>
    <message>
        <source>صندوق</source>
        <translation>Cash desk</translation>
    </message>
    <message>
        <source>سامانه شهرداری</source>
        <translation>Municipality</translation>
    </message>
</context>
<context>
    <name>RequestFilters</name>
    <message>
        <source>همه وضعیت‌ها</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>۱۴۰۵/۰۱/۰۱</source>
        <translation>1405/01/01</translation>
    </message>
    <message>
        <source>۱۴۰۵/۱۲/۲۹</source>
        <translation>1405/12/29</translation>
    </message>
    <message>
        <source>۱۰ رقم</source>
        <translation>10 digits</translation>
    </message>
    <message>
        <source>۲-۱۴-۱۲۳-۴۵-۰-۰</source>
        <translation>2-14-123-45-0-0</translation>
    </message>
    <message>
        <source>اعمال فیلتر</source>
        <translation>Apply filters</translation>
    </message>
    <message>
        <source>پاک کردن فیلترها</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>وضعیت</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>از تاریخ</source>
        <translation>From</translation>
    </message>
    <message>
        <source>تا تاریخ</source>
        <translation>To</translation>
    </message>
    <message>
        <source>کد ملی متقاضی</source>
        <translation>Applicant&apos;s national ID</translation>
    </message>
    <message>
        <source>کد نوسازی</source>
        <translation>Renovation code</translation>
    </message>
    <message>
        <source>نباید پیش از «از تاریخ» باشد</source>
        <translation>must not be before “From”</translation>
    </message>
    <message>
        <source>باید تاریخ شمسی باشد، مانند ۱۴۰۵/۰۳/۲۰</source>
        <translation>must be a Jalali date, such as 1405/03/20</translation>
    </message>
    <message>
        <source>کد ملی درست نیست (ده رقم با رقم کنترل درست)</source>
        <translation>is not a valid national ID (ten digits with a correct check digit)</translation>
    </message>
</context>
<context>
    <name>ReviewStep</name>
    <message>
        <source>بررسی و ثبت</source>
        <translation>Review and send</translation>
    </message>
    <message>
        <source>ملک</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <source>متقاضی</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>ساختمان</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>عوارض برآوردی</source>
        <translation>Estimated fees</translation>
    </message>
    <message>
        <source>پیوست‌ها</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>هشدار ضوابط</source>
        <translation>Rule warnings</translation>
    </message>
    <message>
        <source>ثبت و ارسال درخواست</source>
        <translation>Send request</translation>
    </message>
    <message>
        <source>میان‌بر: Ctrl+Enter</source>
        <translation>Shortcut: Ctrl+Enter</translation>
    </message>
    <message>
        <source>پیگیری این درخواست</source>
        <translation>Track this request</translation>
    </message>
    <message>
        <source>چاپ رسید</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>درخواست تازه</source>
        <translation>New request</translation>
    </message>
    <message>
        <source>شماره پیگیری: {number}</source>
        <translation>Tracking number: {number}</translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message>
        <source>نشست کاری پس از {hours} ساعت پایان یافت؛ پیش‌نویس‌ها نگه داشته شد. دوباره وارد شوید.</source>
        <translation>The session ended after {hours} hours; drafts were kept. Sign in again.</translation>
    </message>
</context>
<context>
    <name>Screenshots</name>
    <message>
        <source>قفل صفحه</source>
        <translation>Screen lock</translation>
    </message>
</context>
<context>
    <name>SessionBox</name>
    <message>
        <source>موجودی اولیه صندوق (ریال):</source>
        <translation>Opening float (rials):</translation>
    </message>
    <message>
        <source>باز کردن صندوق</source>
        <translation>Open the cash desk</translation>
    </message>
    <message>
        <source>موجودی اولیه صندوق (ریال)</source>
        <translation>Opening float (rials)</translation>
    </message>
    <message>
        <source>در حال پرسیدن صندوق باز این کاربر از سامانه…</source>
        <translation>Asking the municipality for this operator&apos;s open cash desk…</translation>
    </message>
    <message>
        <source>صندوق باز است از {opened}؛ روز کاری {day}؛ موجودی اولیه {amount} ریال.</source>
        <translation>The cash desk is open since {opened}; business day {day}; opening float {amount} rials.</translation>
    </message>
    <message>
        <source>صندوقی باز نیست. برای دریافت وجه، صندوق را با موجودی اولیه باز کنید.</source>
        <translation>No cash desk is open. To take payments, open one with its opening float.</translation>
    </message>
    <message>
        <source>باز شدن صندوق در انتظار تأیید شهرداری است…</source>
        <translation>Opening the cash desk is awaiting the municipality&apos;s confirmation…</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>فایل تنظیمات خوانده نشد و کنار گذاشته شد ({path}). تنظیمات پیش‌فرض به کار رفت؛ نشانی سامانه را بدهید.</source>
        <translation>The settings file could not be read and was set aside ({path}). The defaults are in use; enter the system&apos;s address.</translation>
    </message>
    <message>
        <source>فایل تنظیمات پیوندی به بیرون از پوشه تنظیمات بود و خوانده نشد. تنظیمات پیش‌فرض به کار رفت.</source>
        <translation>The settings file was a link to outside the settings folder and was not read. The defaults are in use.</translation>
    </message>
    <message>
        <source>تنظیمات ذخیره نشد: پوشه تنظیمات پر یا فقط‌خواندنی است. تغییرها تا بستن برنامه می‌مانند.</source>
        <translation>The settings were not saved: the settings folder is full or read-only. Changes last until the application closes.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>نشانی کامل با https:// لازم است، مانند https://api.example.ir</source>
        <translation>A full address starting with https:// is required, such as https://api.example.ir</translation>
    </message>
    <message>
        <source>نام کاربری یا گذرواژه نباید در نشانی باشد.</source>
        <translation>The address must not contain a username or password.</translation>
    </message>
    <message>
        <source>فقط نشانی امن (https) پذیرفته است؛ http تنها برای سامانه آموزشی روی همین رایانه مجاز است.</source>
        <translation>Only a secure (https) address is accepted; http is allowed only for a training server on this computer.</translation>
    </message>
    <message>
        <source>تنظیمات</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>گواهی‌های مورد اعتماد سیستم</source>
        <translation>The system&apos;s trusted certificates</translation>
    </message>
    <message>
        <source>انتخاب فایل…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>فارسی</source>
        <translation>Persian</translation>
    </message>
    <message>
        <source>انگلیسی</source>
        <translation>English</translation>
    </message>
    <message>
        <source>نشانی سامانه، گواهی و زبان از راه‌اندازی بعدی برنامه به کار می‌روند.</source>
        <translation>The server address, certificate and language take effect the next time the application starts.</translation>
    </message>
    <message>
        <source>تعرفه‌ها و اسنادی که کلید آموزشی امضا کرده است پذیرفته شود</source>
        <translation>Accept tariff books and documents signed by the training key</translation>
    </message>
    <message>
        <source>این نسخه آموزشی است و کلید آموزشی را همیشه می‌پذیرد.</source>
        <translation>This is a training installation: it always accepts the training key.</translation>
    </message>
    <message>
        <source>فقط برای دفتری که با سامانه آموزشی کار می‌کند. هر چه این کلید امضا کرده «آموزشی» نشان داده می‌شود. از راه‌اندازی بعدی برنامه به کار می‌رود.</source>
        <translation>Only for an office that works with the training system. Whatever this key signs is shown as “training”. Takes effect the next time the application starts.</translation>
    </message>
    <message>
        <source> دقیقه</source>
        <translation> min</translation>
    </message>
    <message>
        <source>پس از این مدت بی‌کاری، صفحه قفل می‌شود و با گذرواژه باز می‌شود.</source>
        <translation>After this long without use the screen locks; the password unlocks it.</translation>
    </message>
    <message>
        <source>نشانی سامانه</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>قفل خودکار پس از</source>
        <translation>Lock after</translation>
    </message>
    <message>
        <source>فایل گواهی‌های مورد اعتماد</source>
        <translation>Trusted certificates file (CA)</translation>
    </message>
    <message>
        <source>زبان</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>کلید آموزشی</source>
        <translation>Training key</translation>
    </message>
    <message>
        <source>چاپگر رسید</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>چاپگر A4</source>
        <translation>A4 printer</translation>
    </message>
    <message>
        <source>چاپ صفحه آزمایشی</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <source>خواندن دوباره فهرست چاپگرها</source>
        <translation>Reload the printer list</translation>
    </message>
    <message>
        <source>ذخیره</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>ذخیره (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>سامانه شهرداری</source>
        <translation>Municipal system</translation>
    </message>
    <message>
        <source>آموزش</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>قفل صفحه</source>
        <translation>Screen lock</translation>
    </message>
    <message>
        <source>چاپگرها</source>
        <translation>Printers</translation>
    </message>
    <message>
        <source>این فایل پیدا نشد.</source>
        <translation>This file was not found.</translation>
    </message>
    <message>
        <source>این فایل خوانده نشد؛ دسترسی به آن را بررسی کنید.</source>
        <translation>This file could not be read; check its permissions.</translation>
    </message>
    <message>
        <source>این فایل گواهی PEM نیست.</source>
        <translation>This file is not a PEM certificate.</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>{field}: {reason}</translation>
    </message>
    <message>
        <source>تنظیمات ذخیره شد. نشانی سامانه، گواهی، زبان و کلید آموزشی از راه‌اندازی بعدی برنامه به کار می‌روند.</source>
        <translation>Settings saved. The server address, certificate, language and training key take effect the next time the application starts.</translation>
    </message>
    <message>
        <source>تنظیمات ذخیره شد.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>گواهی PEM (*.pem *.crt *.cer);;همه فایل‌ها (*)</source>
        <translation>PEM certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>فهرست چاپگرها خوانده می‌شود…</source>
        <translation>Reading the printer list…</translation>
    </message>
    <message>
        <source>چاپگری که اینجا نیست را ابتدا روی این رایانه نصب کنید.</source>
        <translation>A printer that is not listed here must first be installed on this computer.</translation>
    </message>
    <message>
        <source>هیچ چاپگری روی این رایانه نصب نشده است.</source>
        <translation>No printer is installed on this computer.</translation>
    </message>
    <message>
        <source>انتخاب نشده</source>
        <translation>Not chosen</translation>
    </message>
    <message>
        <source>{name} (روی این رایانه پیدا نشد)</source>
        <translation>{name} (not found on this computer)</translation>
    </message>
    <message>
        <source>صفحه آزمایشی به {name} فرستاده می‌شود…</source>
        <translation>Sending a test page to {name}…</translation>
    </message>
    <message>
        <source>صفحه آزمایشی به {name} فرستاده شد؛ برگه را ببینید.</source>
        <translation>The test page was sent to {name}; check the sheet.</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>پیشخوان شهرداری</source>
        <translation>Pishkhan Desk</translation>
    </message>
    <message>
        <source>ورود کارکنان دفتر</source>
        <translation>Office staff sign-in</translation>
    </message>
    <message>
        <source>نسخه {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>نشانی سامانه شهرداری</source>
        <translation>Municipal system address</translation>
    </message>
    <message>
        <source>نشانی سامانه</source>
        <translation>System address</translation>
    </message>
    <message>
        <source>نام کاربری</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>گذرواژه</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>کد دفتر</source>
        <translation>Office code</translation>
    </message>
    <message>
        <source>ورود</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>در حال آماده‌سازی سامانه آموزشی…</source>
        <translation>Starting the training server…</translation>
    </message>
    <message>
        <source>نشانی سامانه شهرداری را که واحد فناوری اطلاعات داده است وارد کنید؛ با https آغاز می‌شود.</source>
        <translation>Enter the municipal system address your IT unit gave you; it starts with https.</translation>
    </message>
    <message>
        <source>سامانه آموزشی</source>
        <translation>Training system</translation>
    </message>
    <message>
        <source>سامانه: {host}</source>
        <translation>System: {host}</translation>
    </message>
    <message>
        <source>دفتر {name} ({code})</source>
        <translation>Office {name} ({code})</translation>
    </message>
    <message>
        <source>دفتر {code}</source>
        <translation>Office {code}</translation>
    </message>
    <message>
        <source>در حال ورود…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>نشانی سامانه باید با https آغاز شود. نشانی http تنها برای سامانه آموزشی روی همین رایانه پذیرفته است.</source>
        <translation>The system address must start with https. Plain http is accepted only for the training system on this computer.</translation>
    </message>
    <message>
        <source>نام کاربری را وارد کنید.</source>
        <translation>Enter the username.</translation>
    </message>
    <message>
        <source>گذرواژه را وارد کنید.</source>
        <translation>Enter the password.</translation>
    </message>
    <message>
        <source>کد دفتر باید به شکل دو حرف لاتین، خط تیره و چهار رقم باشد؛ مانند {example}.</source>
        <translation>Office code must be two Latin letters, a hyphen and four digits, like {example}.</translation>
    </message>
    <message>
        <source>به‌دلیل تلاش‌های ناموفق پیاپی از این رایانه، ورود از آن موقتاً بسته است. {minutes} دقیقه دیگر دوباره تلاش کنید.</source>
        <translation>Sign-in from this computer is blocked for a while after repeated failed attempts. Try again in {minutes} minutes.</translation>
    </message>
    <message>
        <source>هشدار: تنها یک تلاش دیگر مانده است؛ اگر آن هم نادرست باشد، ورود برای {minutes} دقیقه بسته می‌شود.</source>
        <translation>Warning: one attempt is left; if it is wrong too, sign-in is blocked for {minutes} minutes.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>سامانه آموزشی راه‌اندازی نشد. جزئیات در گزارش برنامه ثبت شد.</source>
        <translation>The training server did not start. The details are in the application log.</translation>
    </message>
</context>
<context>
    <name>VerifyLists</name>
    <message>
        <source>فهرست اسناد باطل‌شده‌ای که رسید از فهرست نگه‌داشته‌شده کهنه‌تر است و کنار گذاشته شد.</source>
        <translation>The list of revoked documents that arrived is older than the kept one and was set aside.</translation>
    </message>
    <message>
        <source>فهرست اسناد باطل‌شده‌ای که رسید امضای معتبر ندارد و پذیرفته نشد؛ به پشتیبانی خبر دهید.</source>
        <translation>The list of revoked documents that arrived has no valid signature and was refused; tell support.</translation>
    </message>
    <message>
        <source>فهرست کلیدهای شهرداری خوانده نشد؛ کلیدهای همراه برنامه به کار می‌روند.</source>
        <translation>The municipality&apos;s list of keys could not be read; the keys that come with the program are used.</translation>
    </message>
    <message>
        <source>کلیدهای معتبر: همراه برنامه ({count} کلید).</source>
        <translation>Trusted keys: those that come with the program ({count}).</translation>
    </message>
    <message>
        <source>هنوز با فهرست کلیدهای شهرداری مقایسه نشده است.</source>
        <translation>Not yet compared with the municipality&apos;s list of keys.</translation>
    </message>
    <message>
        <source>فهرست کلیدهای شهرداری {age} پیش با آن مقایسه شد و یکی است.</source>
        <translation>Compared with the municipality&apos;s list of keys {age} ago: the same.</translation>
    </message>
    <message>
        <source>فهرست کلیدهای شهرداری ({age} پیش) با فهرست این برنامه فرق دارد ({keys})؛ کلیدی که فقط شهرداری فهرست کرده پذیرفته نمی‌شود و اسناد آن «صادرکننده ناشناخته» خوانده می‌شوند. برنامه را به‌روز کنید.</source>
        <translation>The municipality&apos;s list of keys ({age} ago) differs from this program&apos;s ({keys}); a key only the municipality lists is not accepted, and its documents read as «unknown issuer». Update the program.</translation>
    </message>
    <message>
        <source>فهرست اسناد باطل‌شده روی این رایانه نیست؛ باطل شدن اسناد بررسی نمی‌شود.</source>
        <translation>There is no list of revoked documents on this computer; revocation is not checked.</translation>
    </message>
    <message>
        <source>فهرست اسناد باطل‌شده نگه‌داشته‌شده خراب است و پذیرفته نشد؛ باطل شدن اسناد بررسی نمی‌شود.</source>
        <translation>The kept list of revoked documents is damaged and was refused; revocation is not checked.</translation>
    </message>
    <message>
        <source>فهرست اسناد باطل‌شده {age} پیش صادر شده ({when}) و از بیشینه اعتبار خود ({max}) کهنه‌تر است؛ درباره باطل شدن اسناد نمی‌توان نظر داد.</source>
        <translation>The list of revoked documents was issued {age} ago ({when}), older than its maximum age ({max}); whether a document was revoked cannot be told.</translation>
    </message>
    <message>
        <source>فهرست اسناد باطل‌شده: صادرشده {age} پیش ({when})، {count} سند باطل‌شده.</source>
        <translation>List of revoked documents: issued {age} ago ({when}), {count} revoked.</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>بررسی اصالت سند</source>
        <translation>Document verification</translation>
    </message>
    <message>
        <source>کد کیوآر سند را با اسکنر بخوانید، یا متن آن را اینجا بچسبانید و کلید ورود را بزنید. بررسی روی همین رایانه و با فهرست کلیدهای معتبر همراه برنامه و آخرین فهرست اسناد باطل‌شده انجام می‌شود.</source>
        <translation>Scan the document&apos;s QR code, or paste its text here and press Enter. The check runs on this computer, with the trusted keys that come with the program and the latest list of revoked documents.</translation>
    </message>
    <message>
        <source>متن کد کیوآر سند</source>
        <translation>The document&apos;s QR code text</translation>
    </message>
    <message>
        <source>بررسی</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>پاک کردن</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>به‌روزرسانی فهرست‌ها</source>
        <translation>Refresh the lists</translation>
    </message>
    <message>
        <source>در حال به‌روزرسانی فهرست‌ها از شهرداری…</source>
        <translation>Refreshing the lists from the municipality…</translation>
    </message>
    <message>
        <source>به‌روزرسانی فهرست‌ها از شهرداری نشد: {reason}</source>
        <translation>The lists could not be refreshed from the municipality: {reason}</translation>
    </message>
    <message>
        <source>بررسی‌های اخیر در این صفحه</source>
        <translation>Recent checks on this page</translation>
    </message>
    <message>
        <source>متنی برای بررسی نیست. کد کیوآر سند را اسکن کنید یا متن آن را بچسبانید.</source>
        <translation>There is nothing to check. Scan the document&apos;s QR code or paste its text.</translation>
    </message>
    <message>
        <source>رسید پرداخت</source>
        <translation>Payment receipt</translation>
    </message>
    <message>
        <source>مفاصاحساب</source>
        <translation>Clearance certificate</translation>
    </message>
    <message>
        <source>پایان کار</source>
        <translation>Completion certificate</translation>
    </message>
    <message>
        <source>عدم خلاف</source>
        <translation>No-violation certificate</translation>
    </message>
    <message>
        <source>پاسخ استعلام</source>
        <translation>Inquiry reply</translation>
    </message>
    <message>
        <source>برگ ضوابط شهرسازی</source>
        <translation>Zoning sheet</translation>
    </message>
    <message>
        <source>پیش‌نمایش عوارض</source>
        <translation>Fee preview</translation>
    </message>
    <message>
        <source>گزارش بستن صندوق روزانه</source>
        <translation>Daily cash-desk closing report</translation>
    </message>
    <message>
        <source>نوع ناشناخته ({kind})</source>
        <translation>Unknown kind ({kind})</translation>
    </message>
</context>
<context>
    <name>VerifyResult</name>
    <message>
        <source>{n} روز</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>{n} ساعت</source>
        <translation>{n} hours</translation>
    </message>
    <message>
        <source>{n} دقیقه</source>
        <translation>{n} minutes</translation>
    </message>
    <message>
        <source>کمتر از یک دقیقه</source>
        <translation>less than a minute</translation>
    </message>
    <message>
        <source>آموزشی — این سند آموزشی است و برای هیچ کار واقعی اعتبار ندارد.</source>
        <translation>TRAINING — this is a training document and is not valid for any real transaction.</translation>
    </message>
    <message>
        <source>ادعای سند؛ تأیید نشده</source>
        <translation>What the document claims; not verified</translation>
    </message>
    <message>
        <source>شماره سند</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>نوع سند</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>تاریخ صدور</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>تاریخ انقضا</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>دارنده</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>مبلغ</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>مبلغ به حروف</source>
        <translation>Amount in words</translation>
    </message>
    <message>
        <source>کلید امضا</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <source>اصیل</source>
        <translation>Genuine</translation>
    </message>
    <message>
        <source>امضا اصیل است، اما معلوم نیست سند باطل نشده باشد</source>
        <translation>The signature is genuine, but whether the document was revoked cannot be told</translation>
    </message>
    <message>
        <source>باطل‌شده — سند در {date} باطل شده است</source>
        <translation>Revoked — the document was revoked on {date}</translation>
    </message>
    <message>
        <source>منقضی — اعتبار سند در {date} پایان یافته است</source>
        <translation>Expired — the document&apos;s validity ended on {date}</translation>
    </message>
    <message>
        <source>جعلی یا دست‌کاری‌شده</source>
        <translation>Forged or altered</translation>
    </message>
    <message>
        <source>صادرکننده ناشناخته</source>
        <translation>Unknown issuer</translation>
    </message>
    <message>
        <source>متن اسکن‌شده سند این سامانه نیست</source>
        <translation>The scanned text is not a document of this system</translation>
    </message>
    <message>
        <source>امضای سند با کلید معتبر می‌خواند، سند امروز معتبر است و در فهرست اسناد باطل‌شده ({age} پیش) نیست. مندرجات زیر را با برگه سند مقایسه کنید.</source>
        <translation>The signature matches a trusted key, the document is valid today and is not on the list of revoked documents (from {age} ago). Compare the fields below with the paper.</translation>
    </message>
    <message>
        <source>امضای سند اصیل است، اما فهرست اسناد باطل‌شده روی این رایانه نیست و باطل شدن سند بررسی نشد. با اتصال به شهرداری، فهرست به‌روز می‌شود.</source>
        <translation>The signature is genuine, but there is no list of revoked documents on this computer, so whether the document was revoked was not checked. The list is refreshed when the municipality can be reached.</translation>
    </message>
    <message>
        <source>امضای سند اصیل است، اما فهرست اسناد باطل‌شده {age} پیش صادر شده و از بیشینه اعتبار خود ({max}) کهنه‌تر است؛ سند ممکن است پس از آن باطل شده باشد. با اتصال به شهرداری، فهرست به‌روز می‌شود.</source>
        <translation>The signature is genuine, but the list of revoked documents was issued {age} ago, older than its maximum age ({max}); the document may have been revoked since. The list is refreshed when the municipality can be reached.</translation>
    </message>
    <message>
        <source>امضای سند اصیل است، اما شهرداری آن را باطل کرده و پذیرفته نیست. علت: {reason}</source>
        <translation>The signature is genuine, but the municipality has revoked the document and it is not accepted. Reason: {reason}</translation>
    </message>
    <message>
        <source>امضای سند اصیل است، اما دوره اعتبار آن گذشته و دیگر پذیرفته نیست.</source>
        <translation>The seal is genuine, but the document&apos;s validity has ended and it is no longer accepted.</translation>
    </message>
    <message>
        <source>امضای سند با محتوای آن نمی‌خواند: سند پس از صدور تغییر کرده یا جعل شده است. به مندرجات آن اعتماد نکنید.</source>
        <translation>The signature does not match the content: the document was changed after it was issued, or forged. Do not trust what it says.</translation>
    </message>
    <message>
        <source>متن با چیدمان صفحه‌کلید فارسی تایپ شده بود؛ برای اطمینان، صفحه‌کلید را انگلیسی کنید و دوباره اسکن کنید.</source>
        <translation>The text was typed in the Persian keyboard layout; to be sure, switch the keyboard to English and scan again.</translation>
    </message>
    <message>
        <source>این سند با کلید {key} امضا شده که در فهرست کلیدهای معتبر این برنامه نیست؛ اصالت آن تأیید نمی‌شود.</source>
        <translation>This document was signed with the key {key}, which is not in this program&apos;s list of trusted keys; it cannot be confirmed as genuine.</translation>
    </message>
    <message>
        <source>این متن به مهر اسناد این سامانه می‌ماند، اما ناقص یا ناخوانا خوانده شد. دوباره اسکن کنید؛ اگر باز هم همین را دیدید، سند را نپذیرید.</source>
        <translation>This looks like a seal of this system, but it was read incomplete or damaged. Scan again; if you see this again, do not accept the document.</translation>
    </message>
    <message>
        <source>کد کیوآر اسناد این سامانه با {prefix} آغاز می‌شود. کد کیوآر خود سند را اسکن کنید.</source>
        <translation>The QR codes of this system&apos;s documents start with {prefix}. Scan the document&apos;s own QR code.</translation>
    </message>
    <message>
        <source>بدون تاریخ انقضا</source>
        <translation>Does not expire</translation>
    </message>
    <message>
        <source>{amount} ریال</source>
        <translation>{amount} rials</translation>
    </message>
    <message>
        <source>ندارد</source>
        <translation>None</translation>
    </message>
    <message>
        <source>{key} (تأیید نشده)</source>
        <translation>{key} (not verified)</translation>
    </message>
    <message>
        <source>کلید آموزشی پیشخوان</source>
        <translation>Pishkhan training key</translation>
    </message>
    <message>
        <source>در حال گرفتن سابقه این سند از شهرداری…</source>
        <translation>Fetching the municipality&apos;s record of this document…</translation>
    </message>
    <message>
        <source>با سابقه شهرداری می‌خواند: محتوای ثبت‌شده برای این شماره همان است که مهر گواهی می‌کند.</source>
        <translation>Matches the municipality&apos;s record: the content recorded for this number is what the seal certifies.</translation>
    </message>
    <message>
        <source>با سابقه شهرداری نمی‌خواند: محتوای ثبت‌شده برای این شماره با مهر این برگه فرق دارد.</source>
        <translation>Does not match the municipality&apos;s record: the content recorded for this number differs from this paper&apos;s seal.</translation>
    </message>
    <message>
        <source>شهرداری سندی با این شماره ثبت نکرده است.</source>
        <translation>The municipality has no document with this number.</translation>
    </message>
    <message>
        <source>سابقه این سند از شهرداری گرفته نشد: {reason}</source>
        <translation>The municipality&apos;s record of this document could not be fetched: {reason}</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>خروج</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>تغییرات ذخیره‌نشده</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>تغییرات این صفحه ذخیره نشده است. بدون ذخیره از صفحه خارج می‌شوید؟</source>
        <translation>The changes on this page have not been saved. Leave the page without saving?</translation>
    </message>
    <message>
        <source>خروج بدون ذخیره</source>
        <translation>Leave without saving</translation>
    </message>
    <message>
        <source>ماندن در صفحه</source>
        <translation>Stay on the page</translation>
    </message>
</context>
</TS>
